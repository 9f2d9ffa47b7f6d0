import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it, vi } from "vitest";
import { WebchatSender } from "../../adapters/webchat/sender";
import type { BotAction, BotReply } from "../../src/bot/message";
import { SurveyBot } from "../../src/bot/survey";
import { WebchatStore } from "../../src/db/webchat-store";
import { openDatabase } from "../../src/db/open";
import { truncateWal, walHasFrames } from "../../src/db/traces";
import { type WalScrub, WorkerWalScrub } from "../../src/db/wal-scrub";
import { comments, people, rounds, teamsReferences, units } from "../../src/db/schema";
import { addMeasure, ensurePlan } from "../../src/plans/plans";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { pulsen } from "../helpers/cli";
import { csv } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { world } from "../helpers/world";

const N = 8;
/** Invented names and ids that occur nowhere else in the product (instrument texts, catalogues). */
const FIRST = ["Zelvira", "Qorvald", "Yxmira", "Vortenn", "Xulrikke", "Wendorf", "Kyzandra", "Jorvixa"];
const person = (n: number) => ({
  email: `zqx.trace${n}@vixholm.example`,
  name: `${FIRST[n]} Vixholmsen`,
  slack: `U0ZQXTR${n}`,
  teams: `7d3f0c2a-5b1e-4c7d-9a8b-00000000aa0${n}`,
});
const ORG = csv(
  Array.from({ length: N }, (_, n) => {
    const p = person(n);
    const unit = n < 4 ? "Vixholm AS > Drift" : "Vixholm AS > Salg";
    return `${p.email},${p.name},${unit},${n === 0 ? "Vixholm AS" : ""},,${p.slack},${p.teams},,`;
  }),
);
/** People 0–4 finish (all but 4 write a comment); 5–7 stop half-way and are left to the close. */
const FINISHES = (n: number) => n <= 4;
const COMMENT = (n: number) => `Kommentar-ZQX-${n}: mer tid til opplæring på kveldsvakt`;
/** A distinctive pattern per person: value by position, one skip for some. */
const VALUE = (n: number, k: number): 1 | 2 | 3 | 4 | 5 | "skip" =>
  k === n ? "skip" : ((((n * 7 + k * 3) % 5) + 1) as 1 | 2 | 3 | 4 | 5);
const TAP_GAP_MS = 3000;

/** A file as SQLite pages (database) or WAL frames: a small record never spans two. */
function pages(file: string): Buffer[] {
  if (!existsSync(file)) return [];
  const bytes = readFileSync(file);
  if (bytes.length === 0) return [];
  const wal = file.endsWith("-wal");
  const headerSize = wal ? bytes.readUInt32BE(8) : bytes.readUInt16BE(16);
  const pageSize = headerSize === 1 ? 65536 : headerSize;
  const out: Buffer[] = [];
  // A WAL is a 32-byte header, then frames of a 24-byte header and one page.
  const [start, stride, skip] = wal ? [32, 24 + pageSize, 24] : [0, pageSize, 0];
  for (let at = start; at + stride <= bytes.length; at += stride) {
    out.push(bytes.subarray(at + skip, at + stride));
  }
  return out;
}

/** Every identity found within `radius` bytes of a needle, in the same page. */
function identitiesNear(files: string[], needles: string[], identities: string[], radius = 200): string[] {
  const found: string[] = [];
  for (const file of files) {
    pages(file).forEach((page, i) => {
      for (const needle of needles) {
        for (let at = page.indexOf(needle); at >= 0; at = page.indexOf(needle, at + 1)) {
          const end = Math.min(page.length, at + Buffer.byteLength(needle) + radius);
          const around = page.subarray(Math.max(0, at - radius), end);
          for (const id of identities) {
            if (around.includes(id)) found.push(`${file} page ${i}: ${id} next to ${needle}`);
          }
        }
      }
    });
  }
  return found;
}

const occurs = (files: string[], text: string) => files.some((f) => existsSync(f) && readFileSync(f).includes(text));
const mode = (file: string) => statSync(file).mode & 0o777;
const shown = (reply: BotReply): string | undefined => {
  const likert = reply.update?.blocks.find((b) => b.type === "likert");
  return likert?.type === "likert" && likert.answers[0].action.a === "answer" ? likert.answers[0].action.i : undefined;
};

/**
 * People 1 and 2 answer every statement and send a comment on the platform's reply path
 * (`traces: "after-reply"`), both in one turn of the event loop: one truncation must cover both.
 */
function twoSubmitted(w = world({ start: "2026-11-23T08:00:00Z", org: ORG }), scrub?: WalScrub) {
  const window = { start: 0, end: 1440, weekdaysOnly: false };
  const plan = { cadence: "0 9 1 * *", openDays: 3, reminderDays: [1], window };
  const series = { name: "Puls", instrumentId: "engagement-pulse", audience: "all" as const, ...plan };
  const { id: seriesId } = createSeries(w.db, series, w.clock.now());
  const roundId = w.db.transaction((tx) =>
    openRound(tx, getSeries(tx, seriesId), null, w.clock.now(), { platforms: w.platforms }),
  );
  const statements = w.db.select().from(rounds).where(eq(rounds.id, roundId)).get()!.itemIds ?? [];
  const bot = new SurveyBot(w.db, w.clock, 5, w.logger, undefined, undefined, scrub);
  const pid = (n: number) =>
    w.db
      .select({ id: people.id })
      .from(people)
      .where(eq(people.email, person(n).email))
      .get()!.id;
  const tap = (n: number, action: BotAction, input?: { comment?: string }) => {
    w.clock.advance(TAP_GAP_MS);
    return bot.handle(pid(n), action, input, undefined, "after-reply");
  };
  for (const n of [1, 2]) {
    tap(n, { a: "start", r: roundId });
    for (const [k, i] of statements.entries()) tap(n, { a: "answer", r: roundId, i, v: VALUE(n, k) });
  }
  for (const n of [1, 2]) tap(n, { a: "comment", r: roundId }, { comment: COMMENT(n) });
  const texts = [...statements, "Kommentar-ZQX-1", "Kommentar-ZQX-2"];
  const identities = [1, 2].flatMap((n) => [pid(n), person(n).email]);
  const near = () => identitiesNear([w.path, `${w.path}-wal`], texts, identities);
  return { w, roundId, tap, near };
}

describe("no trace of who answered what (DESIGN.md rule 2)", () => {
  it("leaves no person next to an answer or a comment in the database, its WAL or a backup", async () => {
    const w = world({ start: "2026-11-23T08:00:00Z", org: ORG });
    const window = { start: 0, end: 1440, weekdaysOnly: false };
    const plan = { cadence: "0 9 1 * *", openDays: 3, reminderDays: [1], window };
    const { id: seriesId } = createSeries(
      w.db,
      { name: "Puls", instrumentId: "engagement-pulse", audience: "all", ...plan },
      w.clock.now(),
    );
    const roundId = w.db.transaction((tx) =>
      openRound(tx, getSeries(tx, seriesId), null, w.clock.now(), { platforms: w.platforms }),
    );
    const round = w.db.select().from(rounds).where(eq(rounds.id, roundId)).get()!;
    const statements = round.itemIds ?? [];
    expect(statements).toHaveLength(13);

    const bot = new SurveyBot(w.db, w.clock, 5, w.logger);
    const tap = (pid: string, action: BotAction, input?: { comment?: string }) => {
      w.clock.advance(TAP_GAP_MS); // no tap within a double-tap's interval of the last
      return bot.handle(pid, action, input);
    };
    const everyone = w.db.select({ id: people.id, email: people.email }).from(people).all();
    const ids = new Map(everyone.map((p) => [p.email, p.id]));
    const pid = (n: number) => ids.get(person(n).email)!;
    const state = new Map<number, { reply: BotReply; k: number }>();
    /** Answers person n's statements up to the k-th, always the one on screen. */
    const answerUpTo = (n: number, upTo: number) => {
      const s = state.get(n) ?? { reply: tap(pid(n), { a: "start", r: roundId }), k: 0 };
      for (; s.k < upTo; s.k++) {
        const i = shown(s.reply);
        expect(i).toBe(statements[s.k]);
        s.reply = tap(pid(n), { a: "answer", r: roundId, i: i!, v: VALUE(n, s.k) });
      }
      state.set(n, s);
    };
    const finish = (n: number) => {
      answerUpTo(n, statements.length);
      if (n === 4) tap(pid(n), { a: "skip_comment", r: roundId });
      else tap(pid(n), { a: "comment", r: roundId }, { comment: COMMENT(n) });
    };
    const identitiesOf = (ns: number[]) =>
      ns.flatMap((n) => [pid(n), person(n).email, person(n).name, person(n).slack, person(n).teams]);
    const commentTexts = [0, 1, 2, 3].map((n) => `Kommentar-ZQX-${n}`);
    const live = [w.path, `${w.path}-wal`];

    answerUpTo(7, 3);
    for (const n of [4, 0, 5, 1, 6, 2]) FINISHES(n) ? finish(n) : answerUpTo(n, 6);
    // Last to submit writes a comment: no later draft reuses the space its draft left.
    finish(3);
    // Submitted while the round is still open: those who finished are nowhere near an answer (submit's truncation).
    expect(identitiesNear(live, [...statements, ...commentTexts], identitiesOf([0, 1, 2, 3, 4]))).toEqual([]);
    // A backup taken now, while 5–7 are still answering, carries nobody's draft: it would outlive their submit.
    const midDir = tempDir();
    expect((await pulsen(["backup", "mid.db"], { databasePath: w.path, cwd: midDir, clock: w.clock })).code).toBe(0);
    const mid = join(midDir, "mid.db");
    expect(identitiesNear([mid], [...statements, ...commentTexts], identitiesOf([0, 1, 2, 3, 4, 5, 6, 7]))).toEqual([]);
    expect(occurs([mid], "Kommentar-ZQX-0")).toBe(true); // the anonymous answers travel with it
    expect(mode(mid)).toBe(0o600);
    // Answers after the last submit reach the WAL, and only the close can take them out again.
    answerUpTo(7, 6);

    // The production path: the close job flushes the half-finished drafts, the scheduler's tick empties the WAL.
    await w.runUntil(new Date(round.closesAt!.getTime() + 60_000));
    expect(w.db.select().from(rounds).where(eq(rounds.id, roundId)).get()!.status).toBe("closed");

    const dir = tempDir();
    const backup = await pulsen(["backup", "copy.db"], { databasePath: w.path, cwd: dir, clock: w.clock });
    expect(backup.code).toBe(0);
    const copy = join(dir, "copy.db");
    const identities = identitiesOf(Array.from({ length: N }, (_, n) => n));
    // Not vacuous: the comments and answers are there, anonymously, and so are the people.
    const stored = w.db.select({ text: comments.text }).from(comments).where(eq(comments.roundId, roundId)).all();
    expect(stored.map((c) => c.text).sort()).toEqual([0, 1, 2, 3].map(COMMENT));
    for (const files of [live, [copy]]) {
      for (const text of [...commentTexts, ...statements, person(5).email]) {
        expect(occurs(files, text), text).toBe(true);
      }
    }
    expect(identitiesNear(live, [...statements, ...commentTexts], identities)).toEqual([]);
    expect(identitiesNear([copy], [...statements, ...commentTexts], identities)).toEqual([]);
    for (const f of [...live, `${w.path}-shm`, copy]) if (existsSync(f)) expect(mode(f), f).toBe(0o600);

    // Forgetting someone who led a measure, spoke to the bot in Teams and is named in a leader's web chat.
    const gone = person(2);
    const drift = w.db.select().from(units).where(eq(units.path, "Vixholm AS > Drift")).get()!.id;
    const deadline = new Date("2027-02-01T12:00:00Z");
    const measure = { text: "Faste møter om vaktplanen", responsibleId: pid(2), deadline, factorId: null };
    const measureId = w.db.transaction((tx) => {
      const planId = ensurePlan(tx, roundId, drift, pid(0), w.clock.now());
      return addMeasure(tx, planId, measure, pid(0), w.clock.now());
    });
    const reference = { user: { id: "29:1zqx", name: gone.name, aadObjectId: gone.teams }, bot: { id: "28:b" } };
    w.db
      .insert(teamsReferences)
      .values({ personId: pid(2), reference, updatedAt: w.clock.now() })
      .run();
    const leader = {
      ...{ kind: "person" as const, personId: pid(0), email: person(0).email },
      ...{ slackUserId: null, teamsAadObjectId: null, phone: null, locale: "nb" as const, timezone: "Europe/Oslo" },
    };
    const progress = {
      key: "progress:1",
      recipient: leader,
      intent: { kind: "plan_progress" as const, measureId },
      replaces: null,
    };
    expect((await new WebchatSender(bot, new WebchatStore(w.db, w.clock)).send(progress)).kind).toBe("sent");
    expect(occurs(live, gone.name)).toBe(true);

    const forget = await pulsen(["person", "forget", gone.email], { databasePath: w.path, cwd: dir, clock: w.clock });
    expect(forget.code).toBe(0);
    for (const text of [gone.email, gone.name, gone.slack, gone.teams]) {
      expect(occurs(live, text), text).toBe(false);
    }
    expect(occurs(live, person(3).name)).toBe(true); // the others stay
  });

  it("tries a truncation that a reader held back again on the scheduler's next tick", async () => {
    const w = world({ start: "2026-11-23T08:00:00Z", org: ORG });
    w.sqlite.pragma("busy_timeout = 20"); // not the production 5 s of waiting for the reader
    expect(statSync(`${w.path}-wal`).size).toBeGreaterThan(0);
    const reader = openDatabase(w.path);
    reader.sqlite.exec("begin");
    reader.sqlite.prepare("select count(*) from people").get(); // a read snapshot, as the CLI holds one
    expect(truncateWal(w.db)).toBe(false);
    reader.sqlite.exec("commit");
    reader.close();
    expect((await w.scheduler.tick()).jobs).toBe(0);
    expect(statSync(`${w.path}-wal`).size).toBe(0);
  });

  it("empties the WAL of taps answered on the platform's reply as soon as those replies are on their way", async () => {
    const t = twoSubmitted();
    // The replies are built; the log still holds the drafts' pages until the event loop turns.
    expect(walHasFrames(t.w.db)).toBe(true);
    expect(t.near()).not.toEqual([]);
    await new Promise((resolve) => setImmediate(resolve));
    expect(walHasFrames(t.w.db)).toBe(false);
    expect(t.near()).toEqual([]);
  });

  it("empties the WAL on the server's worker thread within a fraction of a second of the replies", async () => {
    const w = world({ start: "2026-11-23T08:00:00Z", org: ORG });
    const scrub = new WorkerWalScrub(w.db, w.logger);
    try {
      const t = twoSubmitted(w, scrub);
      const began = performance.now();
      expect(t.near()).not.toEqual([]);
      await vi.waitFor(() => expect(walHasFrames(w.db)).toBe(false), { timeout: 2000, interval: 10 });
      expect(performance.now() - began).toBeLessThan(500);
      expect(t.near()).toEqual([]);
    } finally {
      await scrub.stop();
    }
  });

  it("lets the worker's truncation wait for no reader: one held back is the scheduler tick's", async () => {
    const w = world({ start: "2026-11-23T08:00:00Z", org: ORG });
    const scrub = new WorkerWalScrub(w.db, w.logger);
    const reader = openDatabase(w.path);
    try {
      reader.sqlite.exec("begin");
      reader.sqlite.prepare("select count(*) from people").get(); // a read snapshot, as a backup holds one
      const t = twoSubmitted(w, scrub);
      await new Promise((resolve) => setTimeout(resolve, 30)); // the worker is trying by now
      const began = performance.now();
      t.tap(3, { a: "start", r: t.roundId }); // a tap still writes at once: the worker keeps no lock waiting
      expect(performance.now() - began).toBeLessThan(50);
      // Its tries, 20 ms apart, are all spent (on a loaded machine later than 0.1 s): none races the tick below.
      await vi.waitFor(() => expect(scrub.pending).toBe(false), { timeout: 5000, interval: 10 });
      expect(t.near()).not.toEqual([]);
      reader.sqlite.exec("commit");
      w.sqlite.pragma("busy_timeout = 20");
      await w.scheduler.tick(); // it sends the invitations after its truncation: the log is not empty, but clean
      expect(t.near()).toEqual([]);
    } finally {
      reader.close();
      await scrub.stop();
    }
  });

  it("creates a missing folder 0700 and the database 0600, and makes an existing database owner-only", () => {
    const dir = join(tempDir(), "fresh", "data");
    const made = openDatabase(join(dir, "pulsen.db"));
    made.close();
    expect([mode(dirname(dir)), mode(dir), mode(join(dir, "pulsen.db"))]).toEqual([0o700, 0o700, 0o600]);
    const shared = join(tempDir(), "shared");
    mkdirSync(shared, { mode: 0o755 });
    openDatabase(join(shared, "pulsen.db")).close();
    expect(mode(shared)).toBe(0o755); // an existing folder is not ours to change
    const loose = join(tempDir(), "loose.db");
    writeFileSync(loose, "", { mode: 0o644 });
    const opened = openDatabase(loose);
    expect(opened.sqlite.pragma("secure_delete", { simple: true })).toBe(1);
    opened.close();
    expect(mode(loose)).toBe(0o600);
  });

  it("never overwrites a backup target that has content", async () => {
    const dir = tempDir();
    const db = join(dir, "pulsen.db");
    writeFileSync(join(dir, "taken.db"), "keep me");
    const r = await pulsen(["backup", "taken.db"], { databasePath: db, cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/already exists/);
    expect(readFileSync(join(dir, "taken.db"), "utf8")).toBe("keep me");
    writeFileSync(join(dir, "empty.db"), "", { mode: 0o644 });
    expect((await pulsen(["backup", "empty.db"], { databasePath: db, cwd: dir })).code).toBe(0);
    expect(mode(join(dir, "empty.db"))).toBe(0o600);
  });
});
