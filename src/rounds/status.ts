import { and, eq, isNotNull, isNull, like, sql } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import type { Store } from "../db/open";
import { invitations, outbox, people, rounds, series, units } from "../db/schema";
import type { Platform } from "../jobs/sender";
import { roundParticipation, type UnitParticipation } from "./participation";

export interface RoundStatusView {
  round: string;
  series: string;
  status: "scheduled" | "open" | "closed";
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  invited: number;
  /** Absent after the close when the organization's own figure is hidden (fewer than k answered in all). */
  answered?: number;
  responseRate?: number;
  unreachable?: number;
  /** How the invitations are getting on: states of the invitation messages (never reminders). */
  messages: Record<string, number>;
  units: UnitParticipation[];
}

/**
 * Participation per unit rolled up the tree: counts and rates only, never
 * who has or has not answered (DESIGN.md rule 6); after the close, a hidden
 * unit shows how many were invited and why, as its report does.
 */
export function roundStatus(store: Store, roundId: string, k: number): RoundStatusView {
  const round = store
    .select({ r: rounds, seriesName: series.name })
    .from(rounds)
    .innerJoin(series, eq(series.id, rounds.seriesId))
    .where(eq(rounds.id, roundId))
    .get();
  const p = round === undefined ? null : roundParticipation(store, roundId, k);
  if (round === undefined || p === null) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  const messages = Object.fromEntries(
    store
      .select({ state: outbox.state, n: sql<number>`count(*)` })
      .from(outbox)
      // Invitations only: reminders and the rewrites at the close go only to those who had not answered,
      // so counting them would tell how many had (also about a forgotten person).
      .where(and(eq(outbox.roundId, roundId), isNull(outbox.replaces), like(outbox.key, "%:invite")))
      .groupBy(outbox.state)
      .all()
      .map((m) => [m.state, m.n]),
  );
  const r = round.r;
  const total = p.total;
  return {
    round: r.id,
    series: round.seriesName,
    status: r.status,
    openedAt: r.openedAt?.toISOString() ?? null,
    closesAt: r.closesAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    invited: total?.invited ?? 0,
    ...(total === null || total.suppressed
      ? {}
      : { answered: total.answered, responseRate: total.responseRate, unreachable: total.unreachable }),
    messages,
    units: p.units,
  };
}

/**
 * Who the round could not reach, and why (not installed in Teams, gone from
 * Slack…), for HR to follow up. About reachability only: it says nothing
 * about who has or has not answered.
 */
export function unreachable(
  store: Store,
  roundId: string,
): { email: string; name: string; unit: string; reason: string }[] {
  return store
    .select({ email: people.email, name: people.name, unit: units.path, reason: invitations.undeliverable })
    .from(invitations)
    .innerJoin(people, eq(people.id, invitations.personId))
    .innerJoin(units, eq(units.id, invitations.unitId))
    .where(and(eq(invitations.roundId, roundId), isNotNull(invitations.undeliverable)))
    .orderBy(units.path, people.email)
    .all()
    .map((r) => ({ ...r, reason: r.reason ?? "" }));
}

/**
 * How many the round's invitations went out to on each channel (Slack, Teams, e-mail, SMS), counted from
 * the outbox's invitation rows that were sent: reach, for HR, never who answered.
 */
export function reachedByChannel(store: Store, roundId: string): Partial<Record<Platform, number>> {
  const rows = store
    .select({ platform: outbox.platform, n: sql<number>`count(*)` })
    .from(outbox)
    .where(and(eq(outbox.roundId, roundId), eq(outbox.state, "sent"), like(outbox.key, "%:invite")))
    .groupBy(outbox.platform)
    .all();
  return Object.fromEntries(rows.map((r) => [r.platform, r.n]));
}
