import { createRequire } from "node:module";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { toModal } from "../../adapters/slack/blocks";
import { toAdaptiveCard } from "../../adapters/teams/cards";
import type { Block, BotMessage } from "../../src/bot/message";
import { PlanMaking } from "../../src/bot/plan-making";
import { ALWAYS } from "../../src/core/quiet-hours";
import { LOCALES } from "../../src/core/locale";
import { measures, people, units } from "../../src/db/schema";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { csv } from "../helpers/csv";
import { world } from "../helpers/world";

const ORG = csv([
  "hr@org.example,Hanne HR,Org,,hr,,,,",
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,en,",
  "ane@org.example,Ane Ansvarlig,Org > A,,,,,,",
  "kari.a@org.example,Kari Nordmann,Org > A,,,,,,",
  "kari.b@org.example,Kari Nordmann,Org > B,,,,,,",
]);

function setup(close = true) {
  const w = world({ start: "2026-11-02T09:00:00Z", org: ORG });
  const series = {
    name: "Puls",
    instrumentId: "engagement-pulse",
    audience: "all",
    cadence: "0 9 1 * *",
    openDays: 7,
    reminderDays: [3],
    window: { ...ALWAYS },
  };
  const { id } = createSeries(w.db, series, w.clock.now());
  const r = w.db.transaction((tx) => openRound(tx, getSeries(tx, id), null, w.clock.now(), { platforms: w.platforms }));
  if (close) w.db.transaction((tx) => closeRound(tx, r, w.clock.now()));
  const person = (email: string) => w.db.select().from(people).where(eq(people.email, email)).get()!.id;
  const u = w.db.select().from(units).where(eq(units.path, "Org > A")).get()!.id;
  const plans = new PlanMaking(w.db, w.clock, 5, w.platforms);
  return { w, r, u, person, plans };
}

const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};

const inputs = (m: BotMessage | undefined) =>
  m?.blocks.find((b): b is Extract<Block, { type: "inputs" }> => b.type === "inputs");

describe("making the action plan in chat", () => {
  it("opens a form for the unit's leader in their language, and tells anyone else they cannot", () => {
    const { r, u, person, plans } = setup();
    const form = plans.handle(person("lead.a@org.example"), { a: "plan", r, u }, undefined);
    expect(form.modal).toBe(true);
    expect(form.post?.[0]?.summary).toBe("Action plan for Org > A");
    expect(
      inputs(form.post?.[0])
        ?.fields.map((f) => f.id)
        .slice(0, 6),
    ).toEqual(["preserve", "improve", "m1", "m1_text", "m1_area", "m1_who"]);
    const refused = plans.handle(person("ane@org.example"), { a: "plan", r, u }, undefined);
    expect(refused.post?.map((m) => m.summary)).toEqual(["Bare enhetens leder (eller HR) kan lage tiltaksplanen."]);
    expect(inputs(refused.post?.[0])).toBeUndefined();
  });

  it("waits for the round to close, said in the leader's language", () => {
    const { r, u, person, plans } = setup(false);
    const reply = plans.handle(person("lead.a@org.example"), { a: "plan", r, u }, undefined);
    expect(reply.post?.[0]?.summary).toBe("An action plan follows the results: wait until the round closes.");
  });

  it("finds the unit's people by name, unit or e-mail, and shows nobody to someone who may not make the plan", () => {
    const { r, u, person, plans } = setup();
    const lead = person("lead.a@org.example");
    // Two Kari Nordmanns: only the one in A may be responsible for A's measure, told apart by unit and e-mail.
    expect(plans.findPeople(lead, `${r}:${u}`, "kari").map((c) => c.label)).toEqual([
      "Kari Nordmann · A · kari.a@org.example",
    ]);
    expect(plans.findPeople(lead, `${r}:${u}`, "ane@org").map((c) => c.value)).toEqual([person("ane@org.example")]);
    expect(plans.findPeople(person("ane@org.example"), `${r}:${u}`, "")).toEqual([]);
    expect(plans.findPeople(lead, "garbage", "kari")).toEqual([]);
  });

  it("keeps what was typed when a field is wrong, writes nothing, and saves once it is right", () => {
    const { w, r, u, person, plans } = setup();
    const lead = person("lead.a@org.example");
    const values = {
      preserve: ["engagement"],
      improve: "execution,change",
      m1_text: "Weekly board meeting",
      m1_area: "leadership",
      m1_who: person("kari.b@org.example"),
      m1_due: "2026-13-40",
    };
    const bad = plans.handle(lead, { a: "plan_save", r, u }, values);
    expect(bad.invalid).toEqual({
      m1_area: "Choose one of the plan's focus areas above.",
      m1_who: "Choose someone in the unit.",
      m1_due: "Choose a date, e.g. 2027-01-15.",
    });
    const text = inputs(bad.update)?.fields.find((f) => f.id === "m1_text");
    expect(text?.kind === "text" && text.value).toBe("Weekly board meeting");
    expect(w.db.select().from(measures).all()).toHaveLength(0);

    const ok = plans.handle(
      lead,
      { a: "plan_save", r, u },
      { ...values, m1_area: "execution", m1_who: person("ane@org.example"), m1_due: "2026-12-01" },
    );
    expect(ok.invalid).toBeUndefined();
    expect(ok.update?.summary).toBe("The action plan for Org > A is saved with 1 new measure.");
    expect(w.db.select({ text: measures.text }).from(measures).all()).toEqual([{ text: "Weekly board meeting" }]);
  });

  it("refuses a forged form's oversized values without a trace of them", () => {
    const { r, u, person, plans } = setup();
    const reply = plans.handle(person("lead.a@org.example"), { a: "plan_save", r, u }, { m1_text: "x".repeat(5000) });
    // Unreadable values count as none: the form comes back asking for focus areas, nothing echoed.
    expect(JSON.stringify(reply)).not.toContain("xxxxxxxxxx");
  });

  it("fits Slack's modal limits and is an Adaptive Card 1.5 that Microsoft's parser accepts, in every language", () => {
    const { w, r, u, person, plans } = setup();
    for (const locale of LOCALES) {
      w.db.update(people).set({ locale }).where(eq(people.email, "lead.a@org.example")).run();
      const form = plans.handle(person("lead.a@org.example"), { a: "plan", r, u }, undefined).post![0]!;
      const modal = toModal(form)!;
      expect(modal.title.text.length).toBeLessThanOrEqual(24);
      expect(modal.submit!.text.length).toBeLessThanOrEqual(24);
      expect(modal.blocks.length).toBeLessThanOrEqual(100);
      const ctx = new AC.SerializationContext();
      new AC.AdaptiveCard().parse(toAdaptiveCard(form), ctx);
      expect(ctx.eventCount, locale).toBe(0);
    }
  });
});
