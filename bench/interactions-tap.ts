/**
 * `npx tsx bench/interactions-tap.ts`: the CPU of a tap inside Pulsen, without HTTP or a platform: the
 * same survey as bench/interactions.ts (four answers, then the comment skipped, which stores the
 * response) for 800 people in turn, through the write queue, on a real file. Prints the CPU per answer,
 * per submit (its transaction) and per submit's WAL truncation (on the next turn), in µs: the part of a
 * click's cost that is Pulsen's own, measured steadily on a busy machine.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BotAction } from "../src/bot/message";
import { SurveyBot } from "../src/bot/survey";
import { ALWAYS } from "../src/core/quiet-hours";
import { storeBuiltins } from "../src/db/instrument-store";
import { openDatabase } from "../src/db/open";
import { people } from "../src/db/schema";
import { WriteQueue } from "../src/db/write-queue";
import { builtinInstruments } from "../src/instruments/catalog";
import { createLogger } from "../src/log";
import { importOrgCsv } from "../src/org/import";
import { openRound } from "../src/rounds/open";
import { createSeries, getSeries } from "../src/rounds/series";
import { csv } from "../tests/helpers/csv";

const ITEMS = ["wellbeing-1", "wellbeing-2", "wellbeing-3", "wellbeing-4"];
const PEOPLE = 800;
const WARM = 200;
const cpuUs = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

const dir = mkdtempSync(join(tmpdir(), "pulsen-bench-"));
const handle = openDatabase(join(dir, "taps.db"));
try {
  let now = new Date();
  const clock = { now: () => now };
  const rows = Array.from(
    { length: PEOPLE },
    (_, i) => `p${i}@fjord.example,P ${i},Fjord > E${i % 40},,,U${String(i).padStart(8, "0")},,,`,
  );
  const { db } = handle;
  storeBuiltins(db, builtinInstruments(), clock);
  importOrgCsv(db, new TextEncoder().encode(csv(rows)), { dryRun: false, clock });
  const plan = { cadence: "0 9 1 * *", openDays: 7, reminderDays: [3], window: { ...ALWAYS } };
  const { id } = createSeries(db, { name: "Puls", instrumentId: "quick-pulse", audience: "all", ...plan }, now);
  const roundId = db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, now, { platforms: new Set(["slack"]) }),
  );
  const ids = db
    .select({ id: people.id })
    .from(people)
    .all()
    .map((p) => p.id);
  const bot = new SurveyBot(db, clock, 5, createLogger("silent"));
  const queue = new WriteQueue(db);
  const action = (step: number, i: number): BotAction =>
    step < ITEMS.length
      ? { a: "answer", r: roundId, i: ITEMS[step] ?? "", v: (((i + step) % 5) + 1) as 1 | 2 | 3 | 4 | 5 }
      : { a: "skip_comment", r: roundId };
  const spent = { answer: 0, submit: 0, truncate: 0 };
  const counted = { answer: 0, submit: 0 };
  for (let k = 0; k < PEOPLE * (ITEMS.length + 1); k++) {
    // 20 ms between taps: a person's next tap comes 16 s after their last, never a double tap.
    now = new Date(now.getTime() + 20);
    const [i, step] = [k % PEOPLE, Math.floor(k / PEOPLE)];
    const kind = step < ITEMS.length ? "answer" : "submit";
    const began = cpuUs();
    await queue.run(() => bot.handle(ids[i] ?? "", action(step, i), undefined, now, "after-reply"));
    const handled = cpuUs();
    await new Promise((resolve) => setImmediate(resolve));
    if (k < WARM) continue;
    spent[kind] += handled - began;
    counted[kind]++;
    if (kind === "submit") spent.truncate += cpuUs() - handled;
  }
  const per = (us: number, n: number) => (us / n).toFixed(0);
  process.stdout.write(
    `tap cpu µs: answer ${per(spent.answer, counted.answer)}, submit ${per(spent.submit, counted.submit)}, ` +
      `its truncation ${per(spent.truncate, counted.submit)}\n`,
  );
} finally {
  handle.close();
  rmSync(dir, { recursive: true, force: true });
}
