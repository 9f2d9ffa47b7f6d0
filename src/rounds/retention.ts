import { and, eq, inArray, isNull, lt, sql } from "drizzle-orm";
import { recordAudit } from "../db/audit-store";
import type { Store } from "../db/open";
import { answers, appreciations, comments, responseFactors, responses, roundSnapshots, rounds } from "../db/schema";
import { type JobHandlers, type JobKind, enqueueJob } from "../jobs/queue";
import type { Logger } from "../log";
import { takeSnapshot } from "../reports/snapshot";

const JOB_RETENTION = "retention.apply" satisfies JobKind;

/** What retention deleted (or, on a dry run, would delete) of one round. */
export interface RetainedRound {
  roundId: string;
  closedAt: Date;
  answers: number;
  comments: number;
}

/** Rounds closed before this moment lose their answers: `months` calendar months before now, in UTC. */
function retentionCutoff(now: Date, months: number): Date {
  const d = new Date(now);
  d.setUTCMonth(d.getUTCMonth() - months);
  return d;
}

/**
 * Deletes the answers, per-respondent factor means and comments of every round closed before the
 * cutoff, after keeping its reports in a snapshot (src/reports/snapshot.ts) so they stay readable.
 * The responses' rows stay: a round, a unit and whether it was sent, no answer — the counts of who
 * answered. secure_delete zeroes the rows in the file; the caller empties the WAL after the commit.
 * Synchronous: it runs inside one transaction.
 */
export function applyRetention(
  tx: Store,
  opts: { months: number; k: number; now: Date; dryRun: boolean },
): RetainedRound[] {
  const due = tx
    .select({ roundId: rounds.id, closedAt: rounds.closedAt })
    .from(rounds)
    .leftJoin(roundSnapshots, eq(roundSnapshots.roundId, rounds.id))
    .where(
      and(
        eq(rounds.status, "closed"),
        lt(rounds.closedAt, retentionCutoff(opts.now, opts.months)),
        isNull(roundSnapshots.roundId),
      ),
    )
    .orderBy(rounds.closedAt)
    .all();
  const out: RetainedRound[] = [];
  for (const { roundId, closedAt } of due) {
    const ofRound = tx.select({ id: responses.id }).from(responses).where(eq(responses.roundId, roundId));
    const count = (q: { n: number } | undefined) => q?.n ?? 0;
    const nAnswers = count(
      tx.select({ n: sql<number>`count(*)` }).from(answers).where(inArray(answers.responseId, ofRound)).get(),
    );
    const nComments = count(
      tx.select({ n: sql<number>`count(*)` }).from(comments).where(eq(comments.roundId, roundId)).get(),
    );
    out.push({ roundId, closedAt: closedAt ?? opts.now, answers: nAnswers, comments: nComments });
    if (opts.dryRun) continue;
    takeSnapshot(tx, roundId, opts.k, opts.now);
    tx.delete(answers).where(inArray(answers.responseId, ofRound)).run();
    tx.delete(responseFactors).where(inArray(responseFactors.responseId, ofRound)).run();
    tx.delete(comments).where(eq(comments.roundId, roundId)).run();
    tx.delete(appreciations).where(eq(appreciations.roundId, roundId)).run();
  }
  return out;
}

/** Whether retention has deleted the round's answers and comments (its reports come from its snapshot). */
export function isRetained(store: Store, roundId: string): boolean {
  return (
    store
      .select({ id: roundSnapshots.roundId })
      .from(roundSnapshots)
      .where(eq(roundSnapshots.roundId, roundId))
      .get() !== undefined
  );
}

/** The audit entry of a retention run: counts and the setting, never a text. */
export function auditRetention(tx: Store, via: "cli" | "scheduler", months: number, done: RetainedRound[], now: Date) {
  const details = {
    months,
    rounds: done.length,
    answers: done.reduce((s, r) => s + r.answers, 0),
    comments: done.reduce((s, r) => s + r.comments, 0),
  };
  recordAudit(tx, { via }, "retention.apply", done.map((r) => r.roundId).join(",") || null, details, now);
}

/** The next daily run: 03:00 UTC on the day after `now`. */
function nextRun(now: Date): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1, 3));
}

const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/** Queues today's retention run (a no-op if it is queued or done); the run queues the next day's. */
export function scheduleRetention(store: Store, now: Date): void {
  enqueueJob(store, { kind: JOB_RETENTION, dueAt: now, payload: { day: dayOf(now) } }, now);
}

/** The daily run: with RETENTION_MONTHS unset it does nothing and queues no next one. */
export function retentionJobHandlers(deps: {
  months: number | null;
  k: number;
  now: () => Date;
  logger: Logger;
}): JobHandlers {
  return {
    [JOB_RETENTION]: (tx) => {
      const { months } = deps;
      if (months === null) return;
      const now = deps.now();
      const done = applyRetention(tx, { months, k: deps.k, now, dryRun: false });
      if (done.length > 0) auditRetention(tx, "scheduler", months, done, now);
      const at = nextRun(now);
      enqueueJob(tx, { kind: JOB_RETENTION, dueAt: at, payload: { day: dayOf(at) } }, now);
      deps.logger.info({ rounds: done.length, months }, "retention applied");
    },
  };
}
