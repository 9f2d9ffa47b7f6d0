import { and, eq, min } from "drizzle-orm";
import { DateTime } from "luxon";
import { PulsenError } from "../core/errors";
import type { RoundId } from "../core/ids";
import { answerWindow } from "../core/round";
import type { Store } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { jobs, rounds } from "../db/schema";
import { jobKey } from "../jobs/job";
import { type AuditActor, recordAudit } from "../db/audit-store";
import { JOB_CLOSE, type OpenDeps, openRound } from "./open";
import { getSeries } from "./series";
import { closeRound } from "./close";
import { roundParticipation } from "./participation";
import { sendReminders } from "./remind";

/** HR's controls on an open round: remind now, extend, (close is closeRound). */

function openRoundRow(tx: Store, roundId: string, now: Date) {
  const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  if (!answerWindow(round, now).open) throw new PulsenError("conflict", { kind: "round_not_open", id: roundId });
  return round;
}

/**
 * A reminder now to everyone invited who has not answered (and has not
 * snoozed, and can be reached), at most once a day in the organization's zone.
 * Returns how many were queued, or null when the round's participation is not shown (fewer than k
 * invited): that count would tell how many have answered (DESIGN.md rule 6).
 */
export function remindNow(tx: Store, roundId: RoundId, now: Date, k: number, actor: AuditActor): number | null {
  const day = DateTime.fromJSDate(now).setZone(orgTimeZone(tx)).toISODate()!;
  const round = openRoundRow(tx, roundId, now);
  const tz = orgTimeZone(tx);
  if (round.remindedAt !== null) {
    const last = DateTime.fromJSDate(round.remindedAt).setZone(tz);
    if (last.hasSame(DateTime.fromJSDate(now).setZone(tz), "day")) {
      throw new PulsenError("conflict", { kind: "reminder_sent_today", id: roundId, at: last.toFormat("HH:mm") });
    }
  }
  // Index 0: no scheduled reminder has it, so a snooze that moved one does not skip this.
  const queued = sendReminders(tx, roundId, 0, now, { manualDay: day });
  tx.update(rounds).set({ remindedAt: now }).where(eq(rounds.id, roundId)).run();
  const total = roundParticipation(tx, roundId, k)?.total;
  const shown = total && !total.suppressed ? queued : null;
  recordAudit(tx, actor, "round.remind", roundId, { queued: shown }, now);
  return shown;
}

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Moves the close to a later day (YYYY-MM-DD, in the organization's zone), at
 * the same time of day as before. Only later: to end a round early, close it.
 */
export function extendRound(tx: Store, roundId: RoundId, day: string, now: Date, actor: AuditActor): Date {
  const round = openRoundRow(tx, roundId, now);
  const tz = orgTimeZone(tx);
  const m = DAY.exec(day);
  const current = DateTime.fromJSDate(round.closesAt ?? now).setZone(tz);
  const until = m
    ? current.set({ year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) })
    : DateTime.invalid("not a date");
  if (!m || !until.isValid || until.toISODate() !== day) {
    const example = current.plus({ weeks: 1 }).toISODate() ?? "2026-12-18";
    throw new PulsenError("input_invalid", { kind: "date_invalid", field: "until", value: day, example });
  }
  if (until <= current) {
    throw new PulsenError("input_invalid", { kind: "extend_not_later", current: current.toISODate() ?? "" });
  }
  const closesAt = until.toJSDate();
  // The series' next round closes this one when it opens: an extension may not run into it.
  const next = tx
    .select({ at: min(rounds.scheduledFor) })
    .from(rounds)
    .where(and(eq(rounds.seriesId, round.seriesId), eq(rounds.status, "scheduled")))
    .get()?.at;
  if (next != null && closesAt.getTime() >= next.getTime()) {
    const nextOpens = DateTime.fromJSDate(next).setZone(tz).toISODate() ?? "";
    throw new PulsenError("conflict", { kind: "extend_into_next_round", nextOpens });
  }
  tx.update(rounds).set({ closesAt }).where(eq(rounds.id, roundId)).run();
  const key = jobKey({ kind: JOB_CLOSE, payload: { roundId } });
  tx.update(jobs)
    .set({ dueAt: closesAt })
    .where(and(eq(jobs.idempotencyKey, key), eq(jobs.status, "pending")))
    .run();
  recordAudit(tx, actor, "round.extend", roundId, { closesAt: closesAt.toISOString() }, now);
  return closesAt;
}

/**
 * HR opens a round of a series now, audited; never a second open round of one series (the caller words
 * the refusal for its reader, naming the round that is open).
 */
export function openRoundNow(
  tx: Store,
  seriesId: string,
  now: Date,
  deps: OpenDeps & { actor: AuditActor },
): { opened: RoundId } | { alreadyOpen: string } {
  const s = getSeries(tx, seriesId);
  const open = tx
    .select({ id: rounds.id })
    .from(rounds)
    .where(and(eq(rounds.seriesId, s.id), eq(rounds.status, "open")))
    .get();
  if (open !== undefined) return { alreadyOpen: open.id };
  const opened = openRound(tx, s, null, now, deps);
  recordAudit(tx, deps.actor, "round.open", opened, { series: s.id }, now);
  return { opened };
}

/** HR closes a round early, audited; false when it was closed already. */
export function closeRoundNow(tx: Store, roundId: string, now: Date, actor: AuditActor): boolean {
  const done = closeRound(tx, roundId, now);
  if (done) recordAudit(tx, actor, "round.close", roundId, {}, now);
  return done;
}
