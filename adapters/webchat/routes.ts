import { and, asc, eq } from "drizzle-orm";
import express, { type Request, type Router } from "express";
import { catalogs } from "../../src/bot/catalog";
import type { BotMessage } from "../../src/bot/message";
import { commentMessage, questionMessage } from "../../src/bot/survey-messages";
import { isLocale, type Locale } from "../../src/core/locale";
import { listInstruments } from "../../src/db/instrument-store";
import { getOrganization } from "../../src/db/org-store";
import { people, units, webchatMessages } from "../../src/db/schema";
import type { AdapterContext } from "../../src/server/adapter";
import { parseWebchatForm } from "./parse";
import { escapeHtml, page, renderMessage } from "./render";

/** `access` answers, per request, whether the caller may use the demo picker or is HR. */
export type WebchatDeps = Pick<AdapterContext, "db" | "bot" | "clock" | "logger" | "access">;

// Refusals name nobody: they must not confirm that a person id exists.
const notAvailable = () =>
  page("Not available", "<p>Acting as another person is only for the demo organization, from its own machine.</p>");
const signInAsHr = () =>
  page(
    "Sign in as HR",
    `<h1>Sign in as HR</h1><p>The survey preview is for HR: <a href="/">sign in to the dashboard</a> as HR, ` +
      `then open <a href="/chat/preview">the preview</a> again.</p>`,
  );

/**
 * /chat: the local web chat. For the demo organization, from this machine,
 * it lets you pick a person and talk to the bot as them. Otherwise it offers
 * only HR's preview, which stores nothing and acts as nobody.
 */
export function webchatRouter(deps: WebchatDeps): Router {
  const r = express.Router();
  // Only the chat pages read forms: /slack/events needs its raw body for the signature check.
  r.use("/chat", express.urlencoded({ extended: false, limit: "16kb" }));
  // The preview shows every statement and acts as nobody: whoever may use the demo, or HR.
  const mayPreview = (req: Request) => deps.access.demoPicker(req) || deps.access.isHr(req);

  r.get("/chat", (req, res) => {
    if (!deps.access.demoPicker(req)) {
      return mayPreview(req) ? res.send(previewIndex(deps)) : res.status(403).send(signInAsHr());
    }
    const org = getOrganization(deps.db);
    const list = deps.db
      .select({ id: people.id, name: people.name, unit: units.path })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(people.active, true))
      .orderBy(asc(units.path), asc(people.name))
      .all();
    const orgName = escapeHtml(org?.name ?? "the organization");
    const items = list.map((p) => `<li><a href="/chat/${escapeHtml(p.id)}">${escapeHtml(p.name)}</a> <span class="unit">${escapeHtml(p.unit)}</span></li>`).join("");
    res.send(
      page(
        "Pulsen – web chat",
        `<h1>Chat with Pulsen</h1><p class="note">Demo: pick a person of ${orgName}` +
          ` and answer the survey as them. This picker exists only for the demo organization, and only on the` +
          ` machine it runs on.</p><ul class="people">${items || "<li>No people yet.</li>"}</ul>` +
          `<p><a href="/chat/preview">Preview the instruments</a></p>`,
      ),
    );
  });

  r.get("/chat/preview", (req, res) => {
    if (!mayPreview(req)) return res.status(403).send(signInAsHr());
    res.send(previewIndex(deps));
  });
  r.get("/chat/preview/:instrument", (req, res) => {
    if (!mayPreview(req)) return res.status(403).send(signInAsHr());
    const stored = listInstruments(deps.db).find((s) => s.instrument.id === req.params.instrument);
    if (stored === undefined) return res.status(404).send(page("Not found", "<p>No such instrument.</p>"));
    const locale: Locale = typeof req.query.locale === "string" && isLocale(req.query.locale) ? req.query.locale : (getOrganization(deps.db)?.defaultLocale ?? "nb");
    const inst = stored.instrument;
    const itemIds = inst.factors.flatMap((f) => f.items.map((i) => i.id));
    const step = Math.min(Math.max(Number(req.query.step ?? 0) || 0, 0), itemIds.length);
    const view = { roundId: "preview", instrument: inst, locale, t: catalogs[locale], itemIds };
    const message: BotMessage = step < itemIds.length ? questionMessage(view, itemIds[step]!, { answered: new Set(itemIds.slice(0, step)) }) : commentMessage(view);
    const nav = `<p>${step > 0 ? `<a href="?step=${step - 1}&locale=${locale}">← back</a> · ` : ""}${step < itemIds.length ? `<a href="?step=${step + 1}&locale=${locale}">next →</a> · ` : ""}${["nb", "nn", "en"].map((l) => `<a href="?step=${step}&locale=${l}">${l}</a>`).join(" ")}</p>`;
    res.send(page(`Preview – ${inst.name[locale]}`, `<p class="note">Preview: exactly what employees see. Nothing you do here is stored.</p>${renderMessage(message, { postTo: null, messageId: 0 })}${nav}`, `<a href="/chat">chat</a>`));
  });

  r.get("/chat/:personId", (req, res) => {
    if (!deps.access.demoPicker(req)) return res.status(404).send(notAvailable());
    const person = deps.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, req.params.personId)).get();
    if (person === undefined) return res.status(404).send(page("Not found", "<p>No such person.</p>"));
    const rows = deps.db.select().from(webchatMessages).where(eq(webchatMessages.personId, person.id)).orderBy(asc(webchatMessages.id)).all();
    const lastId = rows.length === 0 ? -1 : rows[rows.length - 1]!.id;
    const html = rows
      .map((m) => renderMessage(m.message as BotMessage, { postTo: `/chat/${person.id}/act`, messageId: m.id }))
      .join("");
    const empty = `<p class="note">No messages yet. Invitations arrive when a round opens (within a few seconds of <code>pulsen round open</code>).</p>`;
    res.send(page(`Pulsen – ${person.name}`, `<h1>${escapeHtml(person.name)}</h1>${html || empty}<p><a href="/chat/${escapeHtml(person.id)}#m${lastId}">Refresh</a></p>`, `<a href="/chat">people</a>`));
  });

  r.post("/chat/:personId/act", (req, res) => {
    if (!deps.access.demoPicker(req)) return res.status(404).send(notAvailable());
    const personId = req.params.personId;
    const event = parseWebchatForm(req.body);
    if (event.kind === "unsupported") {
      deps.logger.warn({ person: personId, reason: event.reason }, "web chat post refused");
      return res.status(400).send(page("Not understood", `<p>${escapeHtml(catalogs.nb.notUnderstood)}</p><p><a href="/chat/${escapeHtml(personId)}">Back</a></p>`));
    }
    const tapped = deps.db
      .select({ id: webchatMessages.id })
      .from(webchatMessages)
      .where(and(eq(webchatMessages.id, event.messageId), eq(webchatMessages.personId, personId)))
      .get();
    if (tapped === undefined) return res.status(404).send(page("Not found", "<p>No such message.</p>"));
    const reply = deps.bot.handle(personId, event.action, { comment: event.comment });
    let anchor = tapped.id;
    if (reply.update) deps.db.update(webchatMessages).set({ message: reply.update }).where(eq(webchatMessages.id, tapped.id)).run();
    for (const m of reply.post ?? []) {
      anchor = deps.db.insert(webchatMessages).values({ personId, message: m, createdAt: deps.clock.now() }).returning({ id: webchatMessages.id }).get()!.id;
    }
    res.redirect(303, `/chat/${personId}#m${anchor}`);
  });

  return r;
}

function previewIndex(deps: WebchatDeps): string {
  const list = listInstruments(deps.db)
    .map(({ instrument: i }) => `<li><a href="/chat/preview/${escapeHtml(i.id)}">${escapeHtml(i.name.nb)}</a> <span class="unit">${escapeHtml(i.name.en)}</span></li>`)
    .join("");
  return page("Pulsen – preview", `<h1>Preview</h1><p class="note">See exactly what employees get, statement by statement. A preview acts as nobody and stores nothing.</p><ul class="people">${list}</ul>`);
}
