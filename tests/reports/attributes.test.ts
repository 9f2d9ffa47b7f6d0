import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { SurveyBot } from "../../src/bot/survey";
import { importOrgCsv } from "../../src/org/import";
import {
  attributeCells,
  attributeFactorTallies,
  invitationAttributes,
  organizations,
  people,
  responses,
  units,
} from "../../src/db/schema";
import { applyRetention } from "../../src/rounds/retention";
import { createSeries } from "../../src/rounds/series";
import { answerAs } from "../helpers/answering";
import { pulsen } from "../helpers/cli";
import { HEADER } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { world } from "../helpers/world";

/**
 * 15 people in two units: 7 nurses, 5 assistants, 2 leaders (too few to ever be a cell of their own) and
 * one without a position; 10 full time, 5 part time (the assistants). Invented words, so a byte match in
 * the file can only be an attribute row.
 */
const POSITION = ["Zqsykepleier", "Zqassistent", "Zqleder"] as const;
const person = (i: number) => {
  const position = i < 7 ? POSITION[0] : i < 12 ? POSITION[1] : i < 14 ? POSITION[2] : "";
  const fullTime = i >= 7 && i < 12 ? "Zqdeltid" : "Zqheltid";
  return { email: `p${i}@attr.example`, unit: i % 2 === 0 ? "Org > A" : "Org > B", position, fullTime };
};
const roster = (edit: (i: number, p: ReturnType<typeof person>) => ReturnType<typeof person> = (_i, p) => p) =>
  [
    `${HEADER},phone,channel,attr:position_type,attr:full_time`,
    "lead@attr.example,Leder,Org,Org,hr,,,,,,,,Zqheltid",
    ...Array.from({ length: 15 }, (_, i) => {
      const p = edit(i, person(i));
      return `${p.email},P ${i},${p.unit},,,,,,,,,${p.position},${p.fullTime}`;
    }),
  ].join("\n");

async function closedRound() {
  const w = world({ start: "2026-11-24T09:00:00Z", org: roster() });
  w.db.update(organizations).set({ demo: false }).run();
  const cli = (...args: string[]) => pulsen(args, { databasePath: w.path, clock: w.clock, cwd: tempDir() });
  const json = async (...args: string[]) => (await cli(...args, "--json")).json();
  const series = { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: "0 9 1 * *", openDays: 7 };
  const window = { start: 0, end: 1440, weekdaysOnly: false };
  const { id } = createSeries(w.db, { ...series, reminderDays: [], window }, w.clock.now());
  const roundId = ((await json("round", "open", id)) as { id: string }).id;

  // During the round HR moves two nurses to "assistant" and drops everyone's full-time value: the round
  // keeps the values its invitations were made with.
  const edited = roster((i, p) => ({ ...p, position: i < 2 ? POSITION[1] : p.position, fullTime: "" }));
  importOrgCsv(w.db, new TextEncoder().encode(edited), { dryRun: false, clock: w.clock });
  const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
  const everyone = w.db.select().from(people).all();
  for (const p of everyone) {
    if (p.email === "p0@attr.example") continue; // one nurse does not answer
    const i = Number(p.email.slice(1, p.email.indexOf("@")));
    // Full-timers agree (4), part-timers disagree (2); the lead answers 5.
    const value = p.email.startsWith("lead") ? 5 : i >= 7 && i < 12 ? 2 : 4;
    answerAs(bot, w.clock, p.id, roundId, { statements: 4, value: () => value, send: true });
  }
  await cli("round", "close", roundId);
  return { w, cli, json, roundId };
}

describe("results by background variable", () => {
  it("show each value's rate and factor results for the organization, hiding what would expose a smaller group", async () => {
    const { json, roundId, cli } = await closedRound();
    const position = await json("report", roundId, "--by", "attr:position_type");
    expect(position).toEqual({
      round: roundId,
      by: "attr:position_type",
      answersDeleted: false,
      cells: [
        // 15 answered: 6 nurses and 5 assistants shown would leave 4 (two leaders, one without a position and
        // the lead): the smaller of the two is hidden too, and 15 − 6 = 9 remain.
        { value: "Zqassistent", invited: 5, suppressed: true, reason: "complementary" },
        { value: "Zqleder", invited: 2, suppressed: true, reason: "below_threshold" },
        {
          ...{ value: "Zqsykepleier", invited: 7, suppressed: false, reason: null, responses: 6, responseRate: 0.857 },
          factors: [
            {
              id: "wellbeing",
              suppressed: false,
              n: 6,
              mean: 4,
              score: 75,
              distribution: [0, 0, 0, 1, 0],
              favorable: 1,
            },
          ],
        },
      ],
    });
    const text = await cli("report", roundId, "--by", "attr:full_time");
    expect(text.code).toBe(0);
    const unknown = await cli("report", roundId, "--by", "attr:age_band");
    expect([unknown.code, unknown.stderr.split("\n")[0]]).toEqual([
      1,
      'pulsen: no attribute "age_band" in this round (it has full_time, position_type)',
    ]);
    expect((await cli("report", roundId, "--by", "attr:full_time", "--unit", "Org > A")).code).toBe(1);
    // Everyone has a full-time value, so the two cells add up to the organization: both are shown.
    expect(text.stdout.split("\n")).toEqual([
      "attr:full_time (the whole organization)",
      "  Zqdeltid: 5 of 5 answered (100 %)",
      "    wellbeing              2.00  25/100  n=5",
      "  Zqheltid: 10 of 11 answered (91 %)",
      "    wellbeing              4.10  78/100  n=10",
      "",
    ]);
  });

  it("keep a closed round's cells when the roster changes and a person is forgotten", async () => {
    const { w, json, cli, roundId } = await closedRound();
    const reports = async () => ({
      position: await json("report", roundId, "--by", "attr:position_type"),
      fullTime: await json("report", roundId, "--by", "attr:full_time"),
    });
    const before = await reports();
    const everyoneLeads = roster((_i, p) => ({ ...p, position: POSITION[2], fullTime: "Zqdeltid" }));
    importOrgCsv(w.db, new TextEncoder().encode(everyoneLeads), { dryRun: false, clock: w.clock });
    expect((await cli("person", "forget", "p3@attr.example")).code).toBe(0);
    expect(await reports()).toEqual(before);
  });

  it("store no attribute row with a response id, a unit or a person, and leave no person-to-cell link after the close", async () => {
    const { w, roundId } = await closedRound();
    expect(w.db.select().from(invitationAttributes).all()).toEqual([]);
    // Counts and sums under (round, attribute, value[, factor]): nothing else.
    const columns = (table: string) =>
      (w.sqlite.pragma(`table_info(${table})`) as { name: string }[]).map((c) => c.name);
    expect(columns("attribute_cells")).toEqual(["round_id", "name", "value", "invited", "responses"]);
    expect(columns("attribute_factor_tallies")).toEqual([
      "round_id",
      "name",
      "value",
      "factor_id",
      "respondents",
      "mean_sum",
      "c1",
      "c2",
      "c3",
      "c4",
      "c5",
    ]);
    // The raw bytes of the attribute tables' pages, found through SQLite's own page map (dbstat).
    w.sqlite.pragma("wal_checkpoint(TRUNCATE)");
    const pageNumbers = (
      w.sqlite
        .prepare("select pageno from dbstat where name in (?, ?, ?)")
        .all(...["attribute_cells", "attribute_factor_tallies", "sqlite_autoindex_attribute_cells_1"]) as {
        pageno: number;
      }[]
    ).map((r) => r.pageno);
    const file = readFileSync(w.path);
    const size = file.readUInt16BE(16) === 1 ? 65536 : file.readUInt16BE(16);
    const attributePages = pageNumbers.map((n) => file.subarray((n - 1) * size, n * size));
    // Not vacuous: the values are there.
    expect(attributePages.some((p) => p.includes(POSITION[0]))).toBe(true);
    const unitIds = w.db
      .select({ id: units.id })
      .from(units)
      .all()
      .map((u) => u.id);
    const personIds = w.db
      .select({ id: people.id })
      .from(people)
      .all()
      .map((p) => p.id);
    const responseIds = w.db.select({ id: responses.id }).from(responses).where(eq(responses.roundId, roundId)).all();
    const asBytes = (id: number) => Buffer.from(id.toString(16).padStart(12, "0"), "hex");
    for (const page of attributePages) {
      for (const id of [...unitIds, ...personIds]) expect(page.includes(id), id).toBe(false);
      for (const { id } of responseIds) expect(page.includes(asBytes(id)), String(id)).toBe(false);
    }
    expect(w.db.select().from(attributeCells).where(eq(attributeCells.roundId, roundId)).all()).toHaveLength(5);
  });

  it("lose their factor results with the answers when retention deletes them, and keep their counts", async () => {
    const { w, json, roundId } = await closedRound();
    const later = new Date("2027-06-01T09:00:00Z");
    w.db.transaction((tx) => applyRetention(tx, { months: 3, k: 5, now: later, dryRun: false }));
    expect(w.db.select().from(attributeFactorTallies).all()).toEqual([]);
    const r = (await json("report", roundId, "--by", "attr:full_time")) as {
      answersDeleted: boolean;
      cells: unknown[];
    };
    expect(r.answersDeleted).toBe(true);
    expect(r.cells).toEqual([
      { value: "Zqdeltid", invited: 5, suppressed: false, reason: null, responses: 5, responseRate: 1, factors: [] },
      {
        value: "Zqheltid",
        invited: 11,
        suppressed: false,
        reason: null,
        responses: 10,
        responseRate: 0.909,
        factors: [],
      },
    ]);
  });
});
