import { eq } from "drizzle-orm";
import { expect } from "vitest";
import type { BotAction, BotMessage, Choice, FormValues } from "../../src/bot/message";
import { ManualClock } from "../../src/core/clock";
import type { PersonId } from "../../src/core/ids";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { organizations, people, rounds, units } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import type { RunningServer } from "../../src/server/start";
import { csv } from "./csv";
import { redeemLink } from "./dashboard-org";
import { tempDir } from "./tmp";
import { migratedFile } from "./db";

/**
 * The action plan's whole cycle (issue 19), the same story on every platform:
 * a round closes → the leader makes a 2 + 2 plan with 4 measures in chat →
 * weeks pass → reminders reach the responsible people on the right days →
 * one is marked done in chat → the next round asks about the focus areas →
 * the digest shows the results → the export lists every measure. A platform
 * test gives a Driver (how a person reads and taps there) and runs `planCycle`.
 */

/** A message as a person sees it in their chat with the bot: its words and the actions of its buttons. */
export interface Seen {
  text: string;
  actions: BotAction[];
  /** The platform's own handle on it (a Slack message, a Teams activity id, a web chat entry). */
  handle: unknown;
}

/** The plan's form as the platform shows it. */
export interface FormSeen {
  text: string;
  fieldIds: string[];
  /** What a field shows as chosen (the suggestions, or a chosen person). */
  chosen(fieldId: string): string[];
  handle: unknown;
}

export interface Driver {
  /** Everything in the person's chat with the bot, oldest first. */
  inbox(email: string): Promise<Seen[]>;
  /** The person taps an action on a message (with its field's text); resolves when the platform shows the reply. */
  tap(email: string, seen: Seen, action: BotAction, text?: string): Promise<void>;
  /** The person taps the digest's *Make the plan here*: the form the platform opens. */
  openPlan(email: string, seen: Seen, action: BotAction): Promise<FormSeen>;
  /** Searching a person field as the platform does (Slack's options load, Teams' typeahead, the web chat's field). */
  search(email: string, form: FormSeen, fieldId: string, query: string): Promise<Choice[]>;
  /** Sends the form; what is wrong by field id, or null once saved. */
  submit(email: string, form: FormSeen, values: FormValues): Promise<Record<string, string> | null>;
}

export const EMAILS = {
  leader: "leder@fjord.example",
  members: ["ane", "ola", "kari", "per", "siv", "nils"].map((n) => `${n}@fjord.example`),
} as const;
const NAMES: Record<string, string> = { ane: "Ane Ansvarlig", ola: "Ola Nordmann", kari: "Kari Nordmann" };

/** The org file: one leader and six people in Drift, with the platform ids a test gives. */
export function cycleOrg(ids: (email: string, i: number) => { slack?: string; teams?: string }): string {
  const all = [EMAILS.leader, ...EMAILS.members];
  return csv(
    all.map((email, i) => {
      const local = email.split("@")[0]!;
      const name = i === 0 ? "Live Leder" : (NAMES[local] ?? `${local[0]!.toUpperCase()}${local.slice(1)} Ansatt`);
      const { slack = "", teams = "" } = ids(email, i);
      return `${email},${name},Fjord AS > Drift,${i === 0 ? "Fjord AS > Drift" : ""},,${slack},${teams},,`;
    }),
  );
}

/** Monday 2 November 2026, 09:00 in Oslo: the first round opens. */
const START = "2026-11-02T08:00:00Z";

/** A database file with the organization and a monthly engagement pulse whose first round is open. */
export function seedCycle(org: string, demo: boolean): { path: string; clock: ManualClock; seriesId: string } {
  const path = `${tempDir()}/pulsen.db`;
  const clock = new ManualClock(START);
  const setup = openDatabase(migratedFile(path));
  storeBuiltins(setup.db, builtinInstruments(), clock);
  importOrgCsv(setup.db, new TextEncoder().encode(org), { dryRun: false, clock });
  if (demo) setup.db.update(organizations).set({ demo: true }).run();
  const series = {
    name: "Engasjementspuls",
    instrumentId: "engagement-pulse",
    audience: "all",
    cadence: "0 9 1 * *",
    openDays: 7,
    reminderDays: [3],
    window: { ...ALWAYS },
  };
  const { id } = createSeries(setup.db, series, clock.now());
  setup.close();
  return { path, clock, seriesId: id };
}

export interface Cycle {
  server: RunningServer;
  clock: ManualClock;
  seriesId: string;
  platform: "slack" | "teams" | "webchat";
}

/** Lets time pass as the server's scheduler would: every due job and message at its moment, until `until`. */
export async function runUntil(c: Cycle, until: string): Promise<void> {
  const end = new Date(until).getTime();
  const s = c.server.scheduler;
  let last = await s.tick();
  for (let guard = 0; guard < 10_000; guard++) {
    const next = s.nextWakeAt();
    if (next === null || next.getTime() > end) break;
    if (next.getTime() > c.clock.now().getTime()) c.clock.set(next);
    else c.clock.advance(Math.max(last.outbox.waitMs ?? 0, 1000));
    last = await s.tick();
  }
  c.clock.set(new Date(end));
  await s.tick();
}

function personId(c: Cycle, email: string): PersonId {
  return c.server.database.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!
    .id as PersonId;
}

/** The factor a statement belongs to, by its id ("engagement-2" → engagement). */
const factorOf = (itemId: string) => itemId.replace(/-\d+$/, "");
/** Round one's answers: engagement and leadership high, execution and change low. */
const SCORE: Record<string, 1 | 2 | 4 | 5> = { engagement: 5, leadership: 4, execution: 2, change: 1 };

/** What a person taps on the survey on screen: start, answers by factor, "better", what got better, no comment. */
function nextSurveyTap(actions: BotAction[]): BotAction | undefined {
  const start = actions.find((a) => a.a === "start");
  if (start) return start;
  const appreciate = actions.find((a) => a.a === "appreciate");
  if (appreciate) return appreciate;
  const followUp = actions.find((a) => a.a === "followup" && a.v === "better");
  if (followUp) return followUp;
  const answer = actions.find((a) => a.a === "answer" && a.v === SCORE[factorOf(a.i)]);
  if (answer) return answer;
  return actions.find((a) => a.a === "skip_comment");
}

/** What has got better, and what made it happen (the appreciative question's answer). */
const GOT_BETTER = "Tavlemøtene har gjort uka roligere";

/** Answers the round's survey through the port, as the platform's taps would (the people not under test). */
function answerByPort(c: Cycle, email: string, roundId: string): string[] {
  const id = personId(c, email);
  const seen: string[] = [];
  let message: BotMessage | undefined = c.server.chat.act(id, { a: "start", r: roundId }).update;
  for (let step = 0; step < 40 && message !== undefined; step++) {
    seen.push(message.summary);
    const actions = message.blocks.flatMap((b) => {
      if (b.type === "buttons") return b.buttons.map((x) => x.action);
      if (b.type === "likert") return b.answers.map((x) => x.action);
      return b.type === "form" ? [b.submit.action, ...(b.skip ? [b.skip.action] : [])] : [];
    });
    const tap = nextSurveyTap(actions);
    if (tap === undefined) break;
    c.clock.advance(3000); // a person reads before tapping (the double-tap guard)
    message = c.server.chat.act(id, tap, { comment: GOT_BETTER }).update;
  }
  return seen;
}

/** Answers the survey in chat, tap by tap on the platform; the texts of every step, in order. */
async function answerInChat(c: Cycle, d: Driver, email: string): Promise<string[]> {
  const texts: string[] = [];
  for (let step = 0; step < 40; step++) {
    const inbox = await d.inbox(email);
    const survey = [...inbox].reverse().find((m) => nextSurveyTap(m.actions) !== undefined);
    if (survey === undefined) break;
    texts.push(survey.text);
    c.clock.advance(3000);
    const tap = nextSurveyTap(survey.actions)!;
    await d.tap(email, survey, tap, tap.a === "appreciate" ? GOT_BETTER : undefined);
  }
  return texts;
}

function openRoundId(c: Cycle): string | null {
  return c.server.database.db.select({ id: rounds.id }).from(rounds).where(eq(rounds.status, "open")).get()?.id ?? null;
}

const has = (inbox: Seen[], text: string) => inbox.filter((m) => m.text.includes(text)).length;

/** The whole cycle on one platform. */
export async function planCycle(c: Cycle, d: Driver): Promise<void> {
  const db = c.server.database.db;
  const [ane, ola, kari] = EMAILS.members;
  const drift = db.select({ id: units.id }).from(units).where(eq(units.path, "Fjord AS > Drift")).get()!.id;

  // Round one: everyone answers (through the port); it closes after a week and the digest reaches the leader.
  const round1 = db.transaction((tx) =>
    openRound(tx, getSeries(tx, c.seriesId as never), null, c.clock.now(), { platforms: new Set([c.platform]) }),
  );
  for (const email of [EMAILS.leader, ...EMAILS.members]) answerByPort(c, email, round1);
  await runUntil(c, "2026-11-09T08:30:00Z");
  const digest = (await d.inbox(EMAILS.leader)).find((m) => m.actions.some((a) => a.a === "plan"));
  expect(digest?.text).toContain("Engasjementspuls");
  const planTap = digest!.actions.find((a) => a.a === "plan")!;

  // Someone who does not lead the unit is told so, and gets no form.
  const member = (await d.inbox(ola!))[0]!;
  await d.tap(ola!, member, planTap);
  const olaInbox = await d.inbox(ola!);
  expect(has(olaInbox, "Bare enhetens leder (eller HR) kan lage tiltaksplanen.")).toBe(1);
  // The message tapped stays as it was (in a channel, it would be the team's digest).
  expect(olaInbox[0]!.text).toBe(member.text);

  // The leader opens the form: the report's strengths are suggested to preserve, its weakest to improve.
  const form = await d.openPlan(EMAILS.leader, digest!, planTap);
  expect(form.text).toContain("Tiltaksplan for Fjord AS > Drift");
  expect(form.chosen("preserve").sort()).toEqual(["engagement", "leadership"]);
  expect(form.chosen("improve").sort()).toEqual(["change", "execution"]);
  // The responsible picker searches, and shows the unit and the e-mail beside the name.
  const found = await d.search(EMAILS.leader, form, "m1_who", "ane");
  expect(found.map((f) => f.label)).toEqual(["Ane Ansvarlig · Drift · ane@fjord.example"]);
  const who = (email: string) => personId(c, email);

  const measures: FormValues = {
    preserve: ["engagement", "leadership"],
    improve: ["execution", "change"],
    m1_text: "Fast tavlemøte hver mandag",
    m1_area: "execution",
    m1_who: who(ane!),
    m1_due: "2026-11-19",
    m2_text: "Felles plan for endringer",
    m2_area: "change",
    m2_who: who(ola!),
    m2_due: "2026-11-20",
    m3_text: "Ros i fellesmøtet",
    m3_area: "engagement",
    m3_who: who(kari!),
    m3_due: "2026-12-16",
    m4_text: "Medarbeidersamtaler før jul",
    m4_area: "leadership",
    m4_who: who(EMAILS.leader),
    m4_due: "2026-12-17",
    share: "on",
  };
  // A measure without a deadline is sent back, said in the leader's language beside the field; nothing is saved.
  const errors = await d.submit(EMAILS.leader, form, { ...measures, m2_due: "" });
  expect(errors).toEqual({ m2_due: "Fyll ut dette for tiltaket." });
  // Three to preserve (a forged form: the pickers stop at two) is the plan rules' to refuse, in the same words.
  const three = await d.submit(EMAILS.leader, form, {
    ...measures,
    preserve: ["engagement", "leadership", "execution"],
    improve: ["change"],
  });
  expect(three).toEqual({ preserve: "Velg høyst 2 fokusområder å bevare." });
  expect(await d.submit(EMAILS.leader, form, measures)).toBeNull();
  await runUntil(c, "2026-11-09T09:00:00Z");
  const leaderInbox = await d.inbox(EMAILS.leader);
  expect(has(leaderInbox, "Tiltaksplanen for Fjord AS > Drift er lagret med 4 nye tiltak.")).toBe(1);
  // Shared through the outbox: Drift has no channel here, so it goes to its leader.
  expect(has(leaderInbox, "Live Leder delte tiltaksplanen for Fjord AS > Drift")).toBe(1);

  // Weeks pass. A week and a day before each deadline the person responsible is reminded, not a day earlier.
  const count = async (email: string, text: string) => has(await d.inbox(email), text);
  const week = "Et tiltak har frist om en uke";
  const tomorrow = "Et tiltak har frist i morgen";
  const reminders = async () => [
    await count(ane!, week),
    await count(ane!, tomorrow),
    await count(ola!, week),
    await count(ola!, tomorrow),
  ];
  await runUntil(c, "2026-11-11T16:00:00Z");
  expect(await reminders()).toEqual([0, 0, 0, 0]);
  await runUntil(c, "2026-11-12T16:00:00Z"); // Thursday, a week before Ane's deadline
  expect(await reminders()).toEqual([1, 0, 0, 0]);
  await runUntil(c, "2026-11-13T16:00:00Z");
  expect(await reminders()).toEqual([1, 0, 1, 0]);
  await runUntil(c, "2026-11-17T16:00:00Z");
  expect(await reminders()).toEqual([1, 0, 1, 0]);
  await runUntil(c, "2026-11-18T16:00:00Z"); // the day before Ane's
  expect(await reminders()).toEqual([1, 1, 1, 0]);

  // On the day, the status question; Ane marks hers done in chat.
  await runUntil(c, "2026-11-19T16:00:00Z");
  expect(await reminders()).toEqual([1, 1, 1, 1]);
  const ask = (await d.inbox(ane!)).find((m) => m.text.includes("Fristen er i dag: hvordan gikk det med tiltaket?"));
  expect(ask?.text).toContain("Fast tavlemøte hver mandag");
  expect(ask?.actions.filter((a) => a.a === "measure").map((a) => a.a === "measure" && a.s)).toContain("later");
  await d.tap(ane!, ask!, ask!.actions.find((a) => a.a === "measure" && a.s === "done")!);
  expect(await count(ane!, "Takk! Tiltaket er registrert som: Gjennomført.")).toBe(1);

  // Ola's passes its deadline (Friday) unanswered: the leader hears of it once, on the next working day.
  const escalated = async () =>
    (await d.inbox(EMAILS.leader)).filter((m) => m.text.includes("Et tiltak er over fristen"));
  await runUntil(c, "2026-11-20T16:00:00Z");
  expect(await count(ola!, "Fristen er i dag: hvordan gikk det med tiltaket?")).toBe(1);
  expect(await escalated()).toHaveLength(0);
  await runUntil(c, "2026-11-23T16:00:00Z");
  expect((await escalated()).map((m) => m.text.includes("Ola Nordmann er ansvarlig"))).toEqual([true]);
  await runUntil(c, "2026-11-30T16:00:00Z");
  expect(await escalated()).toHaveLength(1);

  // The next round (1 December) asks about each focus area; Kari answers in chat, four others as usual.
  await runUntil(c, "2026-12-01T09:00:00Z");
  let round2 = openRoundId(c);
  if (round2 === null || round2 === round1) {
    round2 = db.transaction((tx) =>
      openRound(tx, getSeries(tx, c.seriesId as never), null, c.clock.now(), { platforms: new Set([c.platform]) }),
    );
    await runUntil(c, "2026-12-01T09:05:00Z");
  }
  const steps = await answerInChat(c, d, kari!);
  const asked = steps.filter((s) => s.includes("tiltaksplanen til enheten din"));
  expect(asked.length).toBe(4);
  // And once, after them, the appreciative question.
  expect(steps.filter((s) => s.includes("Hva har blitt bedre siden sist, og hva fikk det til?"))).toHaveLength(1);
  for (const email of [EMAILS.leader, ane!, ola!, EMAILS.members[3]!]) answerByPort(c, email, round2);

  // It closes; the digest shows how the team judges the focus areas, as five answered.
  await runUntil(c, "2026-12-08T09:00:00Z");
  const isDigest = (m: Seen) => m.text.includes("Engasjementspuls") && m.actions.some((a) => a.a === "plan");
  const digests = (await d.inbox(EMAILS.leader)).filter(isDigest);
  expect(digests).toHaveLength(2);
  expect(digests[1]!.text).toMatch(/bedre/);
  expect(digests[1]!.text).toContain("5 svar på «Hva har blitt bedre, og hva fikk det til?». Les dem i oversikten.");

  // The export lists every measure with its status.
  const csvText = await exportCsv(c, round1, drift);
  for (const text of ["Fast tavlemøte hver mandag", "Felles plan for endringer", "Ros i fellesmøtet"])
    expect(csvText).toContain(text);
  expect(csvText).toContain("Medarbeidersamtaler før jul");
  // The status as the export says it (the plans work puts it in the reader's language).
  expect(csvText).toMatch(/Fast tavlemøte hver mandag[^\n]*(done|Gjennomført)/);
  for (const text of ["Felles plan for endringer", "Ros i fellesmøtet", "Medarbeidersamtaler før jul"])
    expect(csvText).toMatch(new RegExp(`${text}[^\n]*(not_started|Ikke startet)`));
}

/** The leader signs in to the dashboard as a personal link does, and downloads the plan's CSV. */
async function exportCsv(c: Cycle, roundId: string, unitId: string): Promise<string> {
  const token = c.server.sessions.createLink(personId(c, EMAILS.leader));
  const signin = await redeemLink(c.server, token);
  const cookie = (signin.headers.get("set-cookie") ?? "").split(";")[0]!;
  const res = await fetch(`${c.server.url}/api/rounds/${roundId}/units/${unitId}/plan/export?format=csv`, {
    headers: { cookie },
  });
  expect(res.status).toBe(200);
  return res.text();
}
