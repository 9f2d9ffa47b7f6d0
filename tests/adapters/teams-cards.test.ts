import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { toAdaptiveCard } from "../../adapters/teams/cards";
import { toBlockKit } from "../../adapters/slack/blocks";
import { Assistant } from "../../src/bot/assistant";
import { catalogs } from "../../src/bot/catalog";
import type { BotMessage } from "../../src/bot/message";
import { commentMessage, invitationMessage, questionMessage, thanksMessage } from "../../src/bot/survey-messages";
import { SurveyBot } from "../../src/bot/survey";
import { LOCALES } from "../../src/core/locale";
import { ALWAYS } from "../../src/core/quiet-hours";
import { builtinInstruments, followUpQuestion } from "../../src/instruments/catalog";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { people, units } from "../../src/db/schema";
import { addMeasure, ensurePlan } from "../../src/plans/plans";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

function parseErrors(card: unknown): string[] {
  const ctx = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(card, ctx);
  return Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
}

/** Every message the bot can produce, for every instrument and language. */
function allMessages(): { name: string; message: BotMessage }[] {
  const out: { name: string; message: BotMessage }[] = [];
  for (const instrument of builtinInstruments()) {
    for (const locale of LOCALES) {
      const t = catalogs[locale];
      const itemIds = instrument.factors.flatMap((f) => f.items.map((i) => i.id));
      const view = { roundId: "r_cards", instrument, locale, t, itemIds };
      out.push({
        name: `${instrument.id}/${locale}/invite`,
        message: invitationMessage(view, { kind: "invite", seriesName: "Puls", deadline: "fredag", anonymityMin: 5 }),
      });
      out.push({
        name: `${instrument.id}/${locale}/remind`,
        message: invitationMessage(view, { kind: "remind", seriesName: "Puls", deadline: "fredag", anonymityMin: 5 }),
      });
      for (const [i, id] of itemIds.entries()) {
        out.push({
          name: `${instrument.id}/${locale}/q${i + 1}`,
          message: questionMessage(view, id, { answered: new Set(itemIds.slice(0, i)) }),
        });
      }
      out.push({ name: `${instrument.id}/${locale}/comment`, message: commentMessage(view) });
      out.push({ name: `${instrument.id}/${locale}/thanks`, message: thanksMessage(view, "28. november") });
    }
  }
  // Digests, summaries, nudges, help and status from a real closed round.
  const w = world({
    start: "2026-11-24T09:00:00Z",
    org: csv([
      "hr@o.example,HR,Org,Org,hr,,,,",
      ...Array.from({ length: 6 }, (_, i) => `p${i}@o.example,P${i},Org > A,,,,,,`),
    ]),
  });
  const { id } = createSeries(
    w.db,
    {
      name: "Puls",
      instrumentId: "quick-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 7,
      reminderDays: [],
      window: { ...ALWAYS },
    },
    w.clock.now(),
  );
  const roundId = w.db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: new Set(["webchat"]) }),
  );
  const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
  const assistant = new Assistant(w.db, w.clock, "https://pulsen.example.no", 5);
  const hr = w.db
    .select()
    .from(people)
    .all()
    .find((p) => p.email === "hr@o.example")!;
  const root = w.db
    .select()
    .from(units)
    .all()
    .find((u) => u.parentId === null)!;
  out.push({ name: "nudge", message: bot.compose({ kind: "nudge", roundId, unitId: root.id }, hr.id)! });
  out.push(
    { name: "help", message: assistant.help(hr.id, { platform: "teams", private: true, channel: null }) },
    { name: "status", message: assistant.status(hr.id) },
    { name: "home", message: assistant.home(hr.id) },
  );
  w.db.transaction((tx) => closeRound(tx, roundId, w.clock.now()));
  out.push({ name: "digest (hidden)", message: bot.compose({ kind: "digest", roundId, unitId: root.id }, hr.id)! });
  out.push({ name: "hr summary", message: bot.compose({ kind: "hr_summary", roundId }, hr.id)! });
  out.push({ name: "closed", message: bot.handle(hr.id, { a: "start", r: roundId }).update! });
  // The action plan's follow-up, and the dashboard's sign-in link.
  const measureId = w.db.transaction((tx) =>
    addMeasure(
      tx,
      ensurePlan(tx, roundId, root.id, hr.id, w.clock.now()),
      {
        text: "Tavlemøte <b>hver</b> mandag",
        responsibleId: hr.id,
        deadline: new Date(w.clock.now().getTime() + 14 * 86_400_000),
        factorId: null,
      },
      hr.id,
      w.clock.now(),
    ),
  );
  for (const kind of ["measure_remind", "measure_ask", "plan_progress"] as const)
    out.push({ name: kind, message: bot.compose({ kind, measureId }, hr.id)! });
  out.push({ name: "measure reply", message: bot.handle(hr.id, { a: "measure", m: measureId, s: "done" }).update! });
  out.push({
    name: "dashboard link",
    message: new Assistant(w.db, w.clock, "https://pulsen.example.no", 5, () => ({
      url: "https://pulsen.example.no/signin?token=abc",
      minutes: 15,
    })).dashboard(hr.id),
  });
  const f = followUpQuestion();
  out.push({
    name: "follow-up text",
    message: { ref: "f", summary: "f", blocks: [{ type: "text", text: f.question.nb.replace("{area}", "Trivsel") }] },
  });
  return out;
}

describe("every message the bot can produce", () => {
  const messages = allMessages();

  it("renders as an Adaptive Card that the adaptivecards parser accepts with no errors", () => {
    expect(messages.length).toBeGreaterThan(200);
    for (const { name, message } of messages) expect(parseErrors(toAdaptiveCard(message)), name).toEqual([]);
  });

  it("renders as Block Kit inside Slack's limits", () => {
    for (const { name, message } of messages) {
      const { blocks, text } = toBlockKit(message);
      expect(blocks.length, name).toBeLessThanOrEqual(50);
      expect(text.length, name).toBeLessThanOrEqual(3000);
      const json = JSON.stringify(blocks);
      for (const m of json.matchAll(/"action_id":"[^"]+","text":\{"type":"plain_text","text":"([^"]*)"/g))
        expect(m[1]!.length, name).toBeLessThanOrEqual(75);
      for (const b of blocks as { type: string; elements?: unknown[] }[])
        if (b.type === "actions") expect(b.elements!.length, name).toBeLessThanOrEqual(25);
    }
  });
});
