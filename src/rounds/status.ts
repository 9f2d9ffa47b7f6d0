import { and, eq, isNotNull, sql } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import { responseRate } from "../core/round";
import type { Store } from "../db/open";
import { invitations, outbox, people, rounds, series, units } from "../db/schema";

export interface UnitParticipation {
  unit: string;
  invited: number;
  answered: number;
  responseRate: number;
  unreachable: number;
}

export interface RoundStatusView {
  round: string;
  series: string;
  status: "scheduled" | "open" | "closed";
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
  invited: number;
  answered: number;
  responseRate: number;
  unreachable: number;
  messages: Record<string, number>;
  units: UnitParticipation[];
}

/**
 * Participation per unit (the unit each invitee had at open): counts and
 * rates only. Never who has or has not answered (DESIGN.md rule 6).
 */
export function roundStatus(store: Store, roundId: string): RoundStatusView {
  const round = store
    .select({ r: rounds, seriesName: series.name })
    .from(rounds)
    .innerJoin(series, eq(series.id, rounds.seriesId))
    .where(eq(rounds.id, roundId))
    .get();
  if (round === undefined) throw new PulsenError("not_found", `no round "${roundId}"`);
  const perUnit = store
    .select({
      unit: units.path,
      invited: sql<number>`count(*)`,
      answered: sql<number>`sum(${invitations.completed})`,
      unreachable: sql<number>`sum(${invitations.undeliverable} is not null)`,
    })
    .from(invitations)
    .innerJoin(units, eq(units.id, invitations.unitId))
    .where(eq(invitations.roundId, roundId))
    .groupBy(units.path)
    .orderBy(units.path)
    .all()
    .map((u) => ({ unit: u.unit, invited: u.invited, answered: u.answered ?? 0, responseRate: round2(responseRate(u.answered ?? 0, u.invited)), unreachable: u.unreachable ?? 0 }));
  const messages = Object.fromEntries(
    store
      .select({ state: outbox.state, n: sql<number>`count(*)` })
      .from(outbox)
      .where(eq(outbox.roundId, roundId))
      .groupBy(outbox.state)
      .all()
      .map((m) => [m.state, m.n]),
  );
  const invited = perUnit.reduce((n, u) => n + u.invited, 0);
  const answered = perUnit.reduce((n, u) => n + u.answered, 0);
  const r = round.r;
  return {
    round: r.id,
    series: round.seriesName,
    status: r.status,
    openedAt: r.openedAt?.toISOString() ?? null,
    closesAt: r.closesAt?.toISOString() ?? null,
    closedAt: r.closedAt?.toISOString() ?? null,
    invited,
    answered,
    responseRate: round2(responseRate(answered, invited)),
    unreachable: perUnit.reduce((n, u) => n + u.unreachable, 0),
    messages,
    units: perUnit,
  };
}

function round2(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/**
 * Who the round could not reach, and why (not installed in Teams, gone from
 * Slack…), for HR to follow up. About reachability only: it says nothing
 * about who has or has not answered.
 */
export function unreachable(store: Store, roundId: string): { email: string; name: string; unit: string; reason: string }[] {
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
