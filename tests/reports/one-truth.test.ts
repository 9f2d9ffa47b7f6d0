import { afterEach, describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import type { BotAction, BotMessage } from "../../src/bot/message";
import { loadConfig } from "../../src/config";
import { people, personRoles, units } from "../../src/db/schema";
import { type RunningServer, startServer } from "../../src/server/start";
import { createSeries } from "../../src/rounds/series";
import { pulsen } from "../helpers/cli";
import { csv } from "../helpers/csv";
import { getJson, signIn } from "../helpers/dashboard-org";
import { silentLogger, world } from "../helpers/world";

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const ORG = csv([
  "hr@org.example,Hanne HR,Org,,hr,,,,",
  "lead.a@org.example,Leder A,Org > A,Org > A,,,,,",
  ...Array.from({ length: 7 }, (_, i) => `a${i}@org.example,A ${i},Org > A,,,,,,`),
  ...Array.from({ length: 7 }, (_, i) => `b${i}@org.example,B ${i},Org > B,,,,,,`),
  ...Array.from({ length: 2 }, (_, i) => `c${i}@org.example,C ${i},Org > C,,,,,,`),
]);

/** Everyone answers every statement of a factor alike: engagement 5, leadership 4, execution 3, change 2. */
const BY_FACTOR: Record<string, 1 | 2 | 3 | 4 | 5> = { engagement: 5, leadership: 4, execution: 3, change: 2 };

describe("one truth on every surface", () => {
  it("gives the same counts and the same strengths in round status, participation, the report, the digest and the dashboard", async () => {
    const w = world({ start: "2026-11-24T09:00:00Z", org: ORG });
    const series = {
      name: "Puls",
      instrumentId: "engagement-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 7,
      reminderDays: [],
      window: { start: 0, end: 1440, weekdaysOnly: false },
    };
    const { id } = createSeries(w.db, series, w.clock.now());
    const opened = await pulsen(["round", "open", id, "--json"], { databasePath: w.path, clock: w.clock });
    const roundId = (opened.json() as { id: string }).id;
    const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
    const pid = (email: string) =>
      w.db
        .select()
        .from(people)
        .all()
        .find((p) => p.email === email)!.id;
    /** Answers as a person would, one tap every few seconds, `statements` of them; then sends, or stops there. */
    const answer = (email: string, statements: number, send: boolean) => {
      const tap = (a: BotAction) => {
        w.clock.advance(3000);
        return bot.handle(pid(email), a).update;
      };
      let m: BotMessage | undefined = tap({ a: "start", r: roundId });
      for (let n = 0; n < statements; n++) {
        const likert = m?.blocks.find((b) => b.type === "likert");
        if (likert?.type !== "likert") throw new Error("no statement on screen");
        const factor = Object.keys(BY_FACTOR).find(
          (f) => likert.answers[0].action.a === "answer" && likert.answers[0].action.i.startsWith(f),
        )!;
        m = tap(likert.answers[BY_FACTOR[factor]! - 1]!.action);
      }
      if (send) tap({ a: "skip_comment", r: roundId });
    };
    // A: six send, one stops after five statements (counted at the close); B: five send; C: one sends.
    for (let i = 0; i < 6; i++) answer(`a${i}@org.example`, 13, true);
    answer("a6@org.example", 5, false);
    for (let i = 0; i < 5; i++) answer(`b${i}@org.example`, 13, true);
    answer("c0@org.example", 13, true);
    await w.runUntil("2026-12-02T09:00:00Z"); // past the close: drafts flushed, reports made, digests queued

    const unitId = (path: string) =>
      w.db
        .select()
        .from(units)
        .all()
        .find((u) => u.path === path)!.id;
    const status = (
      await pulsen(["round", "status", roundId, "--json"], { databasePath: w.path, clock: w.clock })
    ).json() as {
      invited: number;
      answered?: number;
      units: { unit: string; invited: number; answered?: number; suppressed: boolean; reason?: string }[];
    };
    const report = (unit?: string) =>
      pulsen(["report", roundId, ...(unit ? ["--unit", unit] : []), "--json"], {
        databasePath: w.path,
        clock: w.clock,
      }).then((r) => r.json()) as Promise<{
        responses?: number;
        invited: number;
        suppressed: boolean;
        reason: string | null;
        strengths?: string[];
        improvements?: string[];
      }>;
    const org = await report();
    const a = await report("Org > A");
    const b = await report("Org > B");

    // The report: A has 7 responses (six sent, one flushed at the close), of 8 invited; Org − A − B would be C's one,
    // so the smaller B is hidden too.
    expect([org.responses, org.invited, a.responses, a.invited]).toEqual([13, 18, 7, 8]);
    expect(b).toMatchObject({ invited: 7, suppressed: true, reason: "complementary" });
    expect(b.responses).toBeUndefined();
    expect(a.strengths).toEqual(["engagement", "leadership"]);
    expect(a.improvements).toEqual(["change", "execution"]);

    // round status: the same counts, and for hidden units only how many were invited.
    expect([status.invited, status.answered]).toEqual([18, 13]);
    expect(status.units.map((u) => [u.unit, u.invited, u.answered ?? null, u.suppressed])).toEqual([
      ["Org", 18, 13, false],
      ["Org > A", 8, 7, false],
      ["Org > B", 7, null, true],
      ["Org > C", 2, null, true],
    ]);

    // The dashboard's participation and results, as HR sees them.
    const config = loadConfig({ PORT: "0", DATABASE_PATH: w.path });
    running = await startServer(config, silentLogger(), w.clock, { tick: null });
    const cookie = await signIn(running, "hr@org.example");
    const live = await getJson<{ units: { unit: string; invited: number; answered?: number; suppressed: boolean }[] }>(
      running,
      `/api/rounds/${roundId}/participation`,
      cookie,
    );
    expect(live.body.units.map((u) => [u.unit, u.invited, u.answered ?? null, u.suppressed])).toEqual(
      status.units.map((u) => [u.unit, u.invited, u.answered ?? null, u.suppressed]),
    );
    const results = await getJson<{
      units: { unit: string; responses?: number; strengths?: string[]; improvements?: string[] }[];
    }>(running, `/api/rounds/${roundId}/results`, cookie);
    const shownA = results.body.units.find((u) => u.unit === "Org > A")!;
    expect([shownA.responses, shownA.strengths, shownA.improvements]).toEqual([
      a.responses,
      a.strengths,
      a.improvements,
    ]);
    expect(results.body.units.find((u) => u.unit === "Org")!.responses).toBe(org.responses);

    // The digest A's leader got, in the organization's language.
    const digest = JSON.stringify(
      bot.compose({ kind: "digest", roundId, unitId: unitId("Org > A") }, pid("lead.a@org.example")),
    );
    expect(digest).toContain("7 av 8 svarte (88 %).");
    expect(digest).toContain("Styrker: Engasjement, Ledelse.");
    expect(digest).toContain("Forbedringsområder: Endringsvilje, Gjennomføring.");
    // HR's summary carries the organization's figures.
    const hr = w.db
      .select()
      .from(personRoles)
      .all()
      .find((r) => r.role === "hr")!.personId;
    expect(JSON.stringify(bot.compose({ kind: "hr_summary", roundId }, hr))).toContain("13 av 18 svarte (72 %).");
  });
});
