import { afterEach, describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import { loadConfig } from "../../src/config";
import { organizations, people, units } from "../../src/db/schema";
import { createSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { answerAs } from "../helpers/answering";
import { pulsen } from "../helpers/cli";
import { csv } from "../helpers/csv";
import { getJson, signIn } from "../helpers/dashboard-org";
import { silentLogger, world } from "../helpers/world";

/**
 * The four ways issue 13 found to learn about a group smaller than k, each on
 * its smallest organization, read from the CLI, the dashboard's API and the
 * digest, as an attacker with access to them would.
 */
let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const SERIES = {
  name: "Puls",
  instrumentId: "quick-pulse",
  audience: "all",
  cadence: "0 9 1 * *",
  openDays: 7,
  reminderDays: [],
  window: { start: 0, end: 1440, weekdaysOnly: false },
};

function setup(org: string) {
  const w = world({ start: "2026-11-24T09:00:00Z", org });
  // A real organization (not the demo), as in production.
  w.db.update(organizations).set({ demo: false }).run();
  const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
  const pid = (email: string) =>
    w.db
      .select()
      .from(people)
      .all()
      .find((p) => p.email === email)!.id;
  const unitId = (path: string) =>
    w.db
      .select()
      .from(units)
      .all()
      .find((u) => u.path === path)!.id;
  const cli = async (...args: string[]) =>
    (await pulsen(args, { databasePath: w.path, clock: w.clock })).json() as Record<string, unknown>;
  const open = async (seriesId: string) => (await cli("round", "open", seriesId, "--json")).id as string;
  const answer = (email: string, roundId: string, o: Parameters<typeof answerAs>[4]) =>
    answerAs(bot, w.clock, pid(email), roundId, o);
  const serve = async () => {
    running = await startServer(loadConfig({ PORT: "0", DATABASE_PATH: w.path }), silentLogger(), w.clock, {
      tick: null,
    });
    return { server: running, hr: await signIn(running, "hr@org.example") };
  };
  type Entry = { unit: string; invited: number; answered?: number; suppressed: boolean; countedIn?: string | null };
  const byUnit = (list: unknown) => new Map((list as Entry[]).map((u) => [u.unit, u]));
  return { w, bot, pid, unitId, cli, open, answer, serve, byUnit };
}

describe("counts of units too small to show", () => {
  it("never show a two-person or a one-person unit's answered count beside its shown parent, open or closed", async () => {
    const t = setup(
      csv([
        "hr@org.example,Hanne HR,Org > Avd,,hr,,,,",
        ...Array.from({ length: 5 }, (_, i) => `avd${i}@org.example,Avd ${i},Org > Avd,,,,,,`),
        "lead.to@org.example,Leder To,Org > Avd > To,Org > Avd > To,,,,,",
        "to1@org.example,To 1,Org > Avd > To,,,,,,",
        "en@org.example,En,Org > Avd > En,,,,,,",
      ]),
    );
    const { id } = createSeries(t.w.db, SERIES, t.w.clock.now());
    const roundId = await t.open(id);
    for (const e of [
      "lead.to@org.example",
      "to1@org.example",
      "en@org.example",
      "avd0@org.example",
      "avd1@org.example",
      "avd2@org.example",
    ]) {
      t.answer(e, roundId, { statements: 4, send: true });
    }
    const hidden = ["Org > Avd > To", "Org > Avd > En"];

    // While open: the two small units are inside Avd, never alone.
    const live = t.byUnit((await t.cli("round", "status", roundId, "--json")).units);
    for (const u of hidden)
      expect(live.get(u)).toEqual({
        unitId: t.unitId(u),
        unit: u,
        invited: u.endsWith("To") ? 2 : 1,
        suppressed: true,
        reason: "below_threshold",
        countedIn: "Org > Avd",
      });
    expect(live.get("Org > Avd")).toMatchObject({ invited: 9, answered: 6, suppressed: false });
    const { server, hr } = await t.serve();
    const api = t.byUnit(
      (await getJson<{ units: unknown }>(server, `/api/rounds/${roundId}/participation`, hr)).body.units,
    );
    for (const u of hidden) expect(api.get(u)).toMatchObject({ suppressed: true, countedIn: "Org > Avd" });
    for (const u of hidden) expect(api.get(u)!.answered).toBeUndefined();
    // The leader of "To" sees Avd's figure on the dashboard, named as such, and no count of To's own.
    const lead = await signIn(server, "lead.to@org.example");
    const mine = (
      await getJson<{ units: Record<string, unknown>[] }>(server, `/api/rounds/${roundId}/participation`, lead)
    ).body.units;
    expect(mine).toEqual([
      expect.objectContaining({
        unit: "Org > Avd > To",
        suppressed: true,
        counted: { unit: "Org > Avd", invited: 9, answered: 6, responseRate: 0.667 },
      }),
    ]);
    // The leader of "To" is told Avd's figure, named as such, and gets no count of To's own.
    const status = JSON.stringify(
      server.bot.compose({ kind: "nudge", roundId, unitId: t.unitId("Org > Avd > To") }, t.pid("lead.to@org.example")),
    );
    expect(status).toContain("I Org > Avd (der Org > Avd > To telles med) har 6 av 9 svart");
    expect(status).not.toMatch(/2 av 2/);

    // Closed: as their reports, invited and why, never how many answered.
    await t.cli("round", "close", roundId, "--json");
    const closed = t.byUnit((await t.cli("round", "status", roundId, "--json")).units);
    for (const u of hidden) expect(closed.get(u)).toMatchObject({ suppressed: true, reason: "below_threshold" });
    for (const u of hidden) expect(closed.get(u)!.answered).toBeUndefined();
    const after = t.byUnit(
      (await getJson<{ units: unknown }>(server, `/api/rounds/${roundId}/participation`, hr)).body.units,
    );
    for (const u of hidden) expect(after.get(u)!.answered).toBeUndefined();
    const digest = JSON.stringify(
      server.bot.compose({ kind: "digest", roundId, unitId: t.unitId("Org > Avd > To") }, t.pid("lead.to@org.example")),
    );
    expect(digest).toContain("vises ikke denne gangen");
    expect(digest).not.toMatch(/av 2 svarte/);
  });
});

describe("a unit hidden while the round was open", () => {
  it("stays hidden after the close, so the last live count and the results cannot be combined", async () => {
    // P > A (6), P > B (7), P > C (2): while open, C is too small and A, the smaller, is hidden so that P − B
    // cannot give C. Were A shown once closed, P's last live count − B's − A's result would give C's.
    const t = setup(
      csv([
        "hr@org.example,Hanne HR,Org > P > B,,hr,,,,",
        ...Array.from({ length: 6 }, (_, i) => `a${i}@org.example,A ${i},Org > P > A,,,,,,`),
        ...Array.from({ length: 6 }, (_, i) => `b${i}@org.example,B ${i},Org > P > B,,,,,,`),
        ...Array.from({ length: 2 }, (_, i) => `c${i}@org.example,C ${i},Org > P > C,,,,,,`),
      ]),
    );
    const { id } = createSeries(t.w.db, SERIES, t.w.clock.now());
    const roundId = await t.open(id);
    for (const e of [
      ...Array.from({ length: 6 }, (_, i) => `a${i}@org.example`),
      "b0@org.example",
      "b1@org.example",
      "b2@org.example",
      "b3@org.example",
      "b4@org.example",
      "c0@org.example",
    ]) {
      t.answer(e, roundId, { statements: 4, send: true });
    }
    const live = t.byUnit((await t.cli("round", "status", roundId, "--json")).units);
    expect([
      live.get("Org > P > A")!.suppressed,
      live.get("Org > P > B")!.suppressed,
      live.get("Org > P > C")!.suppressed,
    ]).toEqual([true, false, true]);
    await t.cli("round", "close", roundId, "--json");
    // By responses alone A (6) would be shown and B (5) hidden; A stays hidden, B stays shown.
    const a = await t.cli("report", roundId, "--unit", "Org > P > A", "--json");
    expect(a).toMatchObject({ suppressed: true, reason: "complementary" });
    const b = await t.cli("report", roundId, "--unit", "Org > P > B", "--json");
    expect(b).toMatchObject({ suppressed: false, responses: 5 });
  });
});

describe("comments", () => {
  it("of a hidden two-person unit cannot be had by subtracting a shown sub-unit's comments from its parent's", async () => {
    // P: four who stop half-way (stored at the close, never at the comment step); P > Fem: five who send and
    // comment; P > To: two who send and comment, hidden.
    const t = setup(
      csv([
        "hr@org.example,Hanne HR,Org > P,,hr,,,,",
        ...Array.from({ length: 4 }, (_, i) => `p${i}@org.example,P ${i},Org > P,,,,,,`),
        ...Array.from({ length: 5 }, (_, i) => `fem${i}@org.example,Fem ${i},Org > P > Fem,,,,,,`),
        ...Array.from({ length: 2 }, (_, i) => `to${i}@org.example,To ${i},Org > P > To,,,,,,`),
      ]),
    );
    const { id } = createSeries(t.w.db, SERIES, t.w.clock.now());
    const roundId = await t.open(id);
    for (let i = 0; i < 4; i++) t.answer(`p${i}@org.example`, roundId, { statements: 2, send: false });
    for (let i = 0; i < 5; i++)
      t.answer(`fem${i}@org.example`, roundId, { statements: 4, send: true, comment: `Fem sier ${i}` });
    for (let i = 0; i < 2; i++)
      t.answer(`to${i}@org.example`, roundId, { statements: 4, send: true, comment: `Lederen min plager meg (${i})` });
    await t.cli("round", "close", roundId, "--json");

    // Both P (11 responses) and Fem (5) are shown; but of those who could comment, P has 7 and Fem 5: P's
    // comments minus Fem's would be To's two. So Fem's comments stay hidden, and P's hold all seven.
    const comments = async (unit: string) =>
      (await t.cli("comments", roundId, "--unit", unit, "--json")) as { shown: boolean; comments?: string[] };
    expect((await comments("Org > P > Fem")).shown).toBe(false);
    const p = await comments("Org > P");
    expect(p.comments).toHaveLength(7);
    expect(await comments("Org > P > To")).toEqual({ shown: false });
    const { server, hr } = await t.serve();
    const api = (unit: string) => getJson(server, `/api/rounds/${roundId}/units/${t.unitId(unit)}/comments`, hr);
    expect((await api("Org > P > Fem")).status).toBe(403);
    expect(((await api("Org > P")).body.comments as string[]).length).toBe(7);
    // The dashboard offers no comments button where none may be read.
    const results = await getJson<{ units: { unit: string; comments: boolean }[] }>(
      server,
      `/api/rounds/${roundId}/results`,
      hr,
    );
    expect(results.body.units.filter((u) => u.comments).map((u) => u.unit)).toEqual(["Org", "Org > P"]);
  });
});

describe("forgetting", () => {
  it("keeps a closed round's counts as they were, so they do not tell whether the forgotten person had answered", async () => {
    const t = setup(
      csv([
        "hr@org.example,Hanne HR,Org > A,,hr,,,,",
        "lead@org.example,Leder,Org > A,Org > A,,,,,",
        ...Array.from({ length: 7 }, (_, i) => `a${i}@org.example,A ${i},Org > A,,,,,,`),
      ]),
    );
    const { id } = createSeries(t.w.db, SERIES, t.w.clock.now());
    const roundId = await t.open(id);
    for (let i = 0; i < 6; i++) t.answer(`a${i}@org.example`, roundId, { statements: 4, send: true });
    await t.cli("round", "close", roundId, "--json");
    const before = {
      status: await t.cli("round", "status", roundId, "--json"),
      report: await t.cli("report", roundId, "--unit", "Org > A", "--json"),
    };
    const { server, hr } = await t.serve();
    const digest = () =>
      JSON.stringify(
        server.bot.compose({ kind: "digest", roundId, unitId: t.unitId("Org > A") }, t.pid("lead@org.example")),
      );
    const apiBefore = (await getJson<{ units: unknown }>(server, `/api/rounds/${roundId}/participation`, hr)).body
      .units;
    const digestBefore = digest();
    expect(digestBefore).toContain("6 av 9 svarte (67 %).");

    expect(
      (await pulsen(["person", "forget", "a0@org.example"], { databasePath: t.w.path, clock: t.w.clock })).code,
    ).toBe(0);
    const after = {
      status: await t.cli("round", "status", roundId, "--json"),
      report: await t.cli("report", roundId, "--unit", "Org > A", "--json"),
    };
    expect(after.status.units).toEqual(before.status.units);
    expect([after.status.invited, after.status.answered]).toEqual([before.status.invited, before.status.answered]);
    expect([after.report.invited, after.report.responses]).toEqual([9, 6]);
    expect((await getJson<{ units: unknown }>(server, `/api/rounds/${roundId}/participation`, hr)).body.units).toEqual(
      apiBefore,
    );
    expect(digest()).toBe(digestBefore);
  });
});

describe("time", () => {
  it("withholds a trend when one person left between two rounds, and shows it when nobody did", async () => {
    const members = Array.from({ length: 6 }, (_, i) => `a${i}@org.example,A ${i},Org > A,,,,,,`);
    const t = setup(
      csv([
        "hr@org.example,Hanne HR,Org > B,,hr,,,,",
        "lead@org.example,Leder,Org > B,Org > A,,,,,",
        ...Array.from({ length: 5 }, (_, i) => `b${i}@org.example,B ${i},Org > B,,,,,,`),
        ...members,
      ]),
    );
    const { id } = createSeries(t.w.db, SERIES, t.w.clock.now());
    const everyone = () => [
      ...Array.from({ length: 6 }, (_, i) => `a${i}@org.example`),
      ...Array.from({ length: 5 }, (_, i) => `b${i}@org.example`),
    ];
    const round = async (value: 2 | 4, who: string[]) => {
      const r = await t.open(id);
      for (const e of who) t.answer(e, r, { statements: 4, send: true, value: () => value });
      await t.cli("round", "close", r, "--json");
      t.w.clock.advance(7 * 86_400_000);
      return r;
    };
    await round(2, everyone());
    // a5 leaves A before the second round; the other five of A answer alike.
    const { importOrgCsv } = await import("../../src/org/import");
    const stay = csv([
      "hr@org.example,Hanne HR,Org > B,,hr,,,,",
      "lead@org.example,Leder,Org > B,Org > A,,,,,",
      ...Array.from({ length: 5 }, (_, i) => `b${i}@org.example,B ${i},Org > B,,,,,,`),
      ...members.slice(0, 5),
    ]);
    importOrgCsv(t.w.db, new TextEncoder().encode(stay), { dryRun: false, clock: t.w.clock });
    const second = await round(
      4,
      everyone().filter((e) => e !== "a5@org.example"),
    );

    type Factor = { trend: number | null; direction: string | null; trendWithheld: string | null };
    const a = (await t.cli("report", second, "--unit", "Org > A", "--json")) as { factors: Factor[] };
    expect(a.factors[0]).toMatchObject({ trend: null, direction: null, trendWithheld: "group_changed" });
    // B kept everyone: its trend is shown.
    const b = (await t.cli("report", second, "--unit", "Org > B", "--json")) as { factors: Factor[] };
    expect(b.factors[0]).toMatchObject({ trend: 2, direction: "up", trendWithheld: null });
    const { server, hr } = await t.serve();
    const results = await getJson<{ units: { unit: string; factors: Factor[] }[] }>(
      server,
      `/api/rounds/${second}/results`,
      hr,
    );
    expect(results.body.units.find((u) => u.unit === "Org > A")!.factors[0]).toMatchObject({
      trend: null,
      trendWithheld: "group_changed",
    });
    const digest = JSON.stringify(
      server.bot.compose({ kind: "digest", roundId: second, unitId: t.unitId("Org > A") }, t.pid("lead@org.example")),
    );
    expect(digest).toContain('["Trivsel","75","–"]');
    expect(digest).toContain("Endring siden sist vises ikke der gruppen har fått eller mistet færre enn 5 personer");
    // Forgetting the leaver leaves only a tally of them: the trend stays withheld.
    expect(
      (await pulsen(["person", "forget", "a5@org.example"], { databasePath: t.w.path, clock: t.w.clock })).code,
    ).toBe(0);
    const later = (await t.cli("report", second, "--unit", "Org > A", "--json")) as { factors: Factor[] };
    expect(later.factors[0]).toMatchObject({ trend: null, trendWithheld: "group_changed" });
  });
});
