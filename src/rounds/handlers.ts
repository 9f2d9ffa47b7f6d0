import { and, eq } from "drizzle-orm";
import type { Tx } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { rounds, series } from "../db/schema";
import type { JobHandlers } from "../jobs/queue";
import type { Logger } from "../log";
import { JOB_ROUND_CLOSED, closeRound } from "./close";
import { JOB_CLOSE, JOB_REMIND, type OpenDeps, openRound } from "./open";
import { JOB_NUDGE, queueNudges } from "./nudge";
import { sendReminders } from "./remind";
import { JOB_OPEN_SCHEDULED, logSkipped, scheduleNextRound } from "./series";

/** Whoever needs to act when a round closes (drafts, reports, digests) subscribes here. */
export type RoundClosedListener = (tx: Tx, roundId: string, now: Date) => void;

export interface RoundJobDeps extends OpenDeps {
  logger: Logger;
  now: () => Date;
  /** k: the nudge's figures follow the anonymity rules for counts (rule 6). */
  anonymityMin: number;
  onRoundClosed: RoundClosedListener[];
}

/** The job kinds of the round lifecycle; the runner has parsed each payload with its kind's schema. */
export function roundJobHandlers(deps: RoundJobDeps): JobHandlers {
  return {
    [JOB_OPEN_SCHEDULED]: (tx, { roundId }) => {
      const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
      if (round === undefined || round.status !== "scheduled") return;
      const s = tx.select().from(series).where(eq(series.id, round.seriesId)).get();
      if (s === undefined || s.status !== "active") return;
      const now = deps.now();
      // A round of this series still open (opened by hand) ends as the next one starts.
      for (const open of tx
        .select({ id: rounds.id })
        .from(rounds)
        .where(and(eq(rounds.seriesId, s.id), eq(rounds.status, "open")))
        .all()) {
        closeRound(tx, open.id, now);
      }
      openRound(tx, s, roundId, now, deps);
      const scheduledFor = round.scheduledFor ?? now;
      const tz = orgTimeZone(tx);
      logSkipped(deps.logger, s.id, s.cadence, tz, scheduledFor, now);
      scheduleNextRound(tx, s.id, now, now);
      deps.logger.info(
        { round: roundId, series: s.id, late_ms: now.getTime() - scheduledFor.getTime() },
        "round opened",
      );
    },
    [JOB_REMIND]: (tx, { roundId, index }) => {
      const n = sendReminders(tx, roundId, index, deps.now());
      deps.logger.info({ round: roundId, reminders: n }, "reminders queued");
    },
    [JOB_NUDGE]: (tx, { roundId }) => {
      const n = queueNudges(tx, roundId, deps.now(), deps.platforms, deps.anonymityMin);
      deps.logger.info({ round: roundId, nudges: n }, "mid-round nudges queued");
    },
    [JOB_CLOSE]: (tx, { roundId }) => {
      if (closeRound(tx, roundId, deps.now())) deps.logger.info({ round: roundId }, "round closed");
    },
    [JOB_ROUND_CLOSED]: (tx, { roundId }) => {
      for (const listener of deps.onRoundClosed) listener(tx, roundId, deps.now());
    },
  };
}
