import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { WebchatSender } from "../../adapters/webchat/sender";
import { SurveyBot } from "../../src/bot/survey";
import type { PersonId } from "../../src/core/ids";
import { recordAudit } from "../../src/db/audit-store";
import { LinkStore } from "../../src/db/link-store";
import { WebchatStore } from "../../src/db/webchat-store";
import { auditLog, measures, organizations, people, surveyLinks, units, webchatMessages } from "../../src/db/schema";
import { addMeasure, ensurePlan } from "../../src/plans/plans";
import { createSeries } from "../../src/rounds/series";
import { answerAs } from "../helpers/answering";
import { pulsen } from "../helpers/cli";
import { HEADER } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { world } from "../helpers/world";

/** Invented, so that a byte match can only be this person. */
const GONE = { email: "qvorn.zeltik@forget.example", name: "Qvorn Zeltiksen", phone: "+4799887766", slack: "U0QVZELT" };
/** The roster with the optional phone and channel columns. */
const ORG = [
  `${HEADER},phone,channel`,
  `${GONE.email},${GONE.name},Org > A,Org > A,hr,${GONE.slack},,,,${GONE.phone},`,
  ...Array.from({ length: 6 }, (_, i) => `a${i}@forget.example,A ${i},Org > A,,,,,,,,`),
  "lead@forget.example,Leder Org,Org,Org,,,,,,,",
].join("\n");

describe("pulsen person forget", () => {
  it("leaves no byte of the person in the file, its WAL or a later backup, and no count or figure changes", async () => {
    const w = world({ start: "2026-11-24T09:00:00Z", org: ORG });
    w.db.update(organizations).set({ demo: false }).run();
    const person = w.db.select().from(people).where(eq(people.email, GONE.email)).get()!;
    expect(person.phone).toBe(GONE.phone);
    const cli = async (...args: string[]) => pulsen(args, { databasePath: w.path, clock: w.clock, cwd: tempDir() });
    const json = async (...args: string[]) => (await cli(...args, "--json")).json() as Record<string, unknown>;
    const series = { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: "0 9 1 * *", openDays: 7 };
    const window = { start: 0, end: 1440, weekdaysOnly: false };
    const { id } = createSeries(w.db, { ...series, reminderDays: [], window }, w.clock.now());
    const roundId = (await json("round", "open", id)).id as string;

    // Invited with a personal link and a web chat history; answers and comments; leads Org > A; HR in the web app.
    const token = new LinkStore(w.db, w.clock).mint(roundId, person.id);
    const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
    const recipient = {
      ...{ kind: "person" as const, personId: person.id as PersonId, email: GONE.email, phone: GONE.phone },
      ...{ slackUserId: null, teamsAadObjectId: null, locale: "nb" as const, timezone: "Europe/Oslo" },
    };
    const invite = { key: "invite:gone", recipient, intent: { kind: "invite" as const, roundId }, replaces: null };
    expect((await new WebchatSender(bot, new WebchatStore(w.db, w.clock)).send(invite)).kind).toBe("sent");
    const others = w.db.select().from(people).all();
    for (const [n, p] of others.entries())
      answerAs(bot, w.clock, p.id, roundId, { statements: 30, send: true, comment: `Kommentar ${n}` });
    await json("round", "close", roundId);
    const unitA = w.db.select().from(units).where(eq(units.path, "Org > A")).get()!.id;
    const measureId = w.db.transaction((tx) => {
      const planId = ensurePlan(tx, roundId, unitA, person.id, w.clock.now());
      const measure = {
        text: "Faste møter",
        responsibleId: person.id,
        deadline: new Date("2027-03-01T12:00:00Z"),
        factorId: null,
      };
      return addMeasure(tx, planId, measure, person.id, w.clock.now());
    });
    // As the HR console records what a signed-in person did.
    recordAudit(w.db, { via: "web", personId: person.id as PersonId }, "round.remind", roundId, {}, w.clock.now());

    const files = [w.path, `${w.path}-wal`];
    const traces = [GONE.email, GONE.name, GONE.phone, GONE.slack, person.id, token];
    const found = (list: string[]) =>
      traces.filter((t) => list.some((f) => existsSync(f) && readFileSync(f).includes(t)));
    // Not vacuous: before, each of them is in the file (the token as its hash only: not even that).
    expect(found(files)).toEqual([GONE.email, GONE.name, GONE.phone, GONE.slack, person.id]);
    expect(w.db.select().from(surveyLinks).all()).toHaveLength(1);
    const before = {
      status: await json("round", "status", roundId),
      report: await json("report", roundId),
      unit: await json("report", roundId, "--unit", "Org > A"),
    };

    const r = await cli("person", "forget", GONE.email.toUpperCase());
    expect(r.code).toBe(0);
    expect(found(files)).toEqual([]);
    const dir = tempDir();
    expect((await pulsen(["backup", "after.db"], { databasePath: w.path, clock: w.clock, cwd: dir })).code).toBe(0);
    expect(found([join(dir, "after.db")])).toEqual([]);
    expect(readFileSync(join(dir, "after.db")).includes("Kommentar 0")).toBe(true);

    const after = {
      status: await json("round", "status", roundId),
      report: await json("report", roundId),
      unit: await json("report", roundId, "--unit", "Org > A"),
    };
    expect(after).toEqual(before);
    expect(after.report).toMatchObject({ invited: 8, responses: 8, suppressed: false });
    expect(w.db.select().from(surveyLinks).all()).toHaveLength(0);
    expect(w.db.select().from(webchatMessages).where(eq(webchatMessages.personId, person.id)).all()).toEqual([]);
    expect(w.db.select().from(measures).where(eq(measures.id, measureId)).get()).toMatchObject({
      responsibleId: null,
    });
    const audit = w.db.select().from(auditLog).all();
    expect(audit.find((e) => e.action === "round.remind")).toMatchObject({ actorId: null, subject: roundId });
    expect(audit.find((e) => e.action === "person.forget")).toMatchObject({ actorId: null, subject: null });
  });
});
