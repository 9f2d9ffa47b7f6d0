import express, { type Request, type Router } from "express";
import type { PersonId } from "../../src/core/ids";
import { isLocale } from "../../src/core/locale";
import type { AdapterContext } from "../../src/server/adapter";
import { parseWebchatForm, parseWebchatText } from "./parse";
import { escapeHtml, PAGE_CSP, page, renderMessage } from "./render";
import { appendAll, applyTap } from "./tap";

/** `access` answers, per request, whether the caller may use the demo picker or is HR. */
export type WebchatDeps = Pick<AdapterContext, "chat" | "webchat" | "logger" | "access">;

// Refusals name nobody: they must not confirm that a person id exists.
const notAvailable = () =>
  page("Not available", "<p>Acting as another person is only for the demo organization, from its own machine.</p>");
const signInAsHr = () =>
  page(
    "Sign in as HR",
    `<h1>Sign in as HR</h1><p>The survey preview is for HR: <a href="/">sign in to the dashboard</a> as HR, ` +
      `then open <a href="/chat/preview">the preview</a> again.</p>`,
  );

/** The box a person types commands into ("status", "hjelp" …), as they would in Slack or Teams. */
const commandBox = (personId: string) =>
  `<form method="post" action="/chat/${escapeHtml(personId)}/say" class="actions say">` +
  `<label for="say">Write to Pulsen</label><input id="say" name="text" maxlength="500" autocomplete="off"` +
  ` placeholder="status, hjelp, resultater …"><button class="btn">Send</button></form>`;

/**
 * /chat: the local web chat. For the demo organization, from this machine,
 * it lets you pick a person and talk to the bot as them. Otherwise it offers
 * only HR's preview, which stores nothing and acts as nobody.
 */
export function webchatRouter(deps: WebchatDeps): Router {
  const r = express.Router();
  const { chat, webchat } = deps;
  // The server's default policy loads nothing; these pages need their own inline style, and no other site
  // may frame them (a framed chat could be clicked through as the person).
  r.use("/chat", (_req, res, next) => {
    res.setHeader("Content-Security-Policy", PAGE_CSP);
    next();
  });
  // Only the chat pages read forms: /slack/events needs its raw body for the signature check.
  r.use("/chat", express.urlencoded({ extended: false, limit: "16kb" }));
  // The preview shows every statement and acts as nobody: whoever may use the demo, or HR.
  const mayPreview = (req: Request) => deps.access.demoPicker(req) || deps.access.isHr(req);

  r.get("/chat", (req, res) => {
    if (!deps.access.demoPicker(req)) {
      return mayPreview(req) ? res.send(previewIndex(deps)) : res.status(403).send(signInAsHr());
    }
    const { organization, people } = webchat.people();
    const orgName = escapeHtml(organization || "the organization");
    const items = people
      .map(
        (p) =>
          `<li><a href="/chat/${escapeHtml(p.id)}">${escapeHtml(p.name)}</a> ` +
          `<span class="unit">${escapeHtml(p.unit)}</span></li>`,
      )
      .join("");
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
    const asked = typeof req.query.locale === "string" && isLocale(req.query.locale) ? req.query.locale : undefined;
    const view = webchat.preview(req.params.instrument, asked, Number(req.query.step ?? 0));
    if (view === null) return res.status(404).send(page("Not found", "<p>No such instrument.</p>"));
    const { step, steps, locale } = view;
    const link = (s: number, l: string, text: string) => `<a href="?step=${s}&locale=${l}">${text}</a>`;
    const nav =
      `<p>${step > 0 ? `${link(step - 1, locale, "← back")} · ` : ""}` +
      `${step < steps ? `${link(step + 1, locale, "next →")} · ` : ""}` +
      `${["nb", "nn", "en"].map((l) => link(step, l, l)).join(" ")}</p>`;
    const note = `<p class="note">Preview: exactly what employees see. Nothing you do here is stored.</p>`;
    const shown = renderMessage(view.message, { postTo: null, messageId: 0 });
    res.send(page(`Preview – ${view.name}`, `${note}${shown}${nav}`, `<a href="/chat">chat</a>`));
  });

  r.get("/chat/:personId", (req, res) => {
    if (!deps.access.demoPicker(req)) return res.status(404).send(notAvailable());
    const person = webchat.person(req.params.personId);
    if (person === null) return res.status(404).send(page("Not found", "<p>No such person.</p>"));
    const rows = webchat.history(person.id);
    const lastId = rows.length === 0 ? -1 : rows[rows.length - 1]!.id;
    const html = rows
      .map((m) => renderMessage(m.message, { postTo: `/chat/${person.id}/act`, messageId: m.id }))
      .join("");
    const empty =
      `<p class="note">No messages yet. Invitations arrive when a round opens` +
      ` (within a few seconds of <code>pulsen round open</code>).</p>`;
    const refresh = `<p><a href="/chat/${escapeHtml(person.id)}#m${lastId}">Refresh</a></p>`;
    const body = `<h1>${escapeHtml(person.name)}</h1>${html || empty}${commandBox(person.id)}${refresh}`;
    res.send(page(`Pulsen – ${person.name}`, body, `<a href="/chat">people</a>`));
  });

  r.post("/chat/:personId/act", (req, res) => {
    if (!deps.access.demoPicker(req)) return res.status(404).send(notAvailable());
    const person = webchat.person(req.params.personId);
    if (person === null) return res.status(404).send(page("Not found", "<p>No such person.</p>"));
    const event = parseWebchatForm(req.body);
    if (event.kind !== "action") return notUnderstood(deps, res, person.id, event);
    const tapped = applyTap(deps, person.id, event);
    if (tapped === null) return res.status(404).send(page("Not found", "<p>No such message.</p>"));
    res.redirect(303, `/chat/${person.id}#m${tapped.anchor}`);
  });

  r.post("/chat/:personId/say", (req, res) => {
    if (!deps.access.demoPicker(req)) return res.status(404).send(notAvailable());
    const person = webchat.person(req.params.personId);
    if (person === null) return res.status(404).send(page("Not found", "<p>No such person.</p>"));
    const event = parseWebchatText(req.body);
    if (event.kind !== "text") return notUnderstood(deps, res, person.id, event);
    // The web chat is the person's own conversation: nobody else reads the answer.
    const reply = chat.command(person.id, event.text, { platform: "webchat", private: true, channel: null });
    const anchor = appendAll(webchat, person.id, reply.messages, -1);
    res.redirect(303, `/chat/${person.id}#m${anchor}`);
  });

  return r;
}

function notUnderstood(
  deps: WebchatDeps,
  res: express.Response,
  personId: PersonId,
  event: { kind: string; reason?: string },
): void {
  deps.logger.warn({ person: personId, reason: event.reason ?? event.kind }, "web chat post refused");
  const text = escapeHtml(deps.chat.notUnderstood().summary);
  res.status(400).send(page("Not understood", `<p>${text}</p><p><a href="/chat/${escapeHtml(personId)}">Back</a></p>`));
}

function previewIndex(deps: WebchatDeps): string {
  const list = deps.webchat
    .instruments()
    .map(
      (i) =>
        `<li><a href="/chat/preview/${escapeHtml(i.id)}">${escapeHtml(i.name.nb)}</a> ` +
        `<span class="unit">${escapeHtml(i.name.en)}</span></li>`,
    )
    .join("");
  return page(
    "Pulsen – preview",
    `<h1>Preview</h1><p class="note">See exactly what employees get, statement by statement.` +
      ` A preview acts as nobody and stores nothing.</p><ul class="people">${list}</ul>`,
  );
}
