import { eq } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import { flushDrafts } from "../db/answer-store";
import { dropInvitationAttributes } from "../db/attribute-tallies";
import type { Store } from "../db/open";
import { rounds } from "../db/schema";
import { cancelRoundMessages, queueClosedNotices } from "../jobs/outbox-queue";
import { type JobKind, enqueueJob } from "../jobs/queue";

export const JOB_ROUND_CLOSED = "round.closed" satisfies JobKind;

/**
 * Closes a round: drafts flushed to the anonymous tables, no more answers,
 * nothing more asked for it, unanswered invitations rewritten to say it has
 * closed, and a durable
 * round.closed event for whoever listens (drafts, reports, digests).
 * Returns false if it was already closed.
 */
export function closeRound(tx: Store, roundId: string, now: Date): boolean {
  const round = tx.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (round === undefined) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  if (round.status === "closed") return false;
  if (round.status === "scheduled") throw new PulsenError("conflict", { kind: "round_not_opened_yet", id: roundId });
  tx.update(rounds).set({ status: "closed", closedAt: now }).where(eq(rounds.id, roundId)).run();
  // Unfinished surveys with at least one answer count; their link to the person goes now.
  flushDrafts(tx, roundId);
  dropInvitationAttributes(tx, roundId);
  cancelRoundMessages(tx, roundId, "round closed");
  queueClosedNotices(tx, roundId, now);
  enqueueJob(tx, { kind: JOB_ROUND_CLOSED, dueAt: now, payload: { roundId } }, now);
  return true;
}
