import { and, desc, eq, ne } from "drizzle-orm";
import { PulsenError } from "../core/errors";
import type { Locale } from "../core/locale";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import { rounds, series, units } from "../db/schema";
import { unitComments } from "../reports/comments";
import { followUpResults } from "../reports/follow-up";
import { roundReports } from "../reports/report";
import { roundParticipation, type UnitParticipation } from "../rounds/participation";
import type { Viewer } from "../db/viewer-store";
import type { ParticipationResponse, ResultsResponse, RoundSummary } from "./api-types";

/**
 * What the dashboard shows, cut to what the viewer may see. The anonymity
 * decisions come from the report layer, made once for the whole
 * organization; this file only leaves out units the viewer has no access to.
 * The shapes are src/web/api-types.ts's, which the dashboard reads too.
 */

/** Opened rounds, newest first; or just the one asked for. */
export function listRounds(store: Store, locale: Locale, only?: string): RoundSummary[] {
  const opened = ne(rounds.status, "scheduled");
  return store
    .select({ r: rounds, seriesName: series.name })
    .from(rounds)
    .innerJoin(series, eq(series.id, rounds.seriesId))
    .where(only === undefined ? opened : and(opened, eq(rounds.id, only)))
    .orderBy(desc(rounds.openedAt))
    .all()
    .map(({ r, seriesName }) => ({
      id: r.id,
      series: seriesName,
      instrument: getInstrument(store, r.instrumentId, r.instrumentVersion ?? undefined).instrument.name[locale],
      status: r.status === "closed" ? "closed" : "open",
      openedAt: r.openedAt?.toISOString() ?? null,
      closesAt: r.closesAt?.toISOString() ?? null,
      closedAt: r.closedAt?.toISOString() ?? null,
    }));
}

function findRound(store: Store, roundId: string) {
  const r = store.select().from(rounds).where(eq(rounds.id, roundId)).get();
  if (r === undefined || r.status === "scheduled")
    throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  return r;
}

/**
 * Participation per unit the viewer may see, rolled up the tree (rule 6):
 * while a round is open, counts and rates; after the close, the report's
 * decisions (a hidden unit shows how many were invited, not how many answered).
 */
export function liveParticipation(store: Store, roundId: string, viewer: Viewer, k: number): ParticipationResponse {
  const r = findRound(store, roundId);
  const p = roundParticipation(store, roundId, k);
  if (p === null) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  const seen = p.units.filter((u) => viewer.access.results.has(u.unitId));
  // While open, a unit too small to show alone carries the figure of the unit it is counted in, named as such,
  // as its leader's nudge and status reply give it.
  const counted = (u: UnitParticipation) => {
    if (!u.suppressed || p.status !== "open" || u.countedIn === null) return {};
    const above = p.units.find((x) => x.unit === u.countedIn);
    return above === undefined || above.suppressed
      ? {}
      : {
          counted: {
            unit: above.unit,
            invited: above.invited,
            answered: above.answered,
            responseRate: above.responseRate,
          },
        };
  };
  return {
    round: roundId,
    status: p.status,
    closesAt: r.closesAt?.toISOString() ?? null,
    total: p.total !== null && viewer.access.results.has(p.total.unitId) ? p.total : null,
    units: seen.map((u) => ({ ...u, ...counted(u), depth: u.unit.split(" > ").length - 1 })),
  };
}

/** Every visible unit's report for a closed round, with the statements in the viewer's language. */
export function roundResults(store: Store, roundId: string, viewer: Viewer, k: number): ResultsResponse {
  const r = findRound(store, roundId);
  if (r.status !== "closed") throw new PulsenError("conflict", { kind: "round_still_open", what: "results" });
  const all = roundReports(store, roundId, k);
  const followUp = followUpResults(store, roundId, all, k);
  const { instrument } = getInstrument(store, r.instrumentId, r.instrumentVersion ?? undefined);
  const asked = new Set(r.itemIds ?? []);
  const unitRows = store.select({ id: units.id, path: units.path }).from(units).orderBy(units.path).all();
  const summary = listRounds(store, viewer.locale, roundId)[0];
  if (summary === undefined) throw new PulsenError("not_found", { kind: "round_unknown", id: roundId });
  return {
    round: summary,
    anonymityMin: k,
    factors: instrument.factors
      .filter((f) => f.items.some((i) => asked.has(i.id)))
      .map((f) => ({
        id: f.id,
        name: f.name[viewer.locale],
        items: f.items
          .filter((i) => asked.has(i.id))
          .map((i) => ({ id: i.id, text: i.text[viewer.locale], reverse: i.reverse })),
      })),
    units: unitRows
      .filter((u) => viewer.access.results.has(u.id))
      .flatMap((u) => {
        const report = all.byUnit.get(u.id);
        // A unit nobody in this round belonged to has nothing to say.
        if (report === undefined || report.invited === 0) return [];
        return [
          {
            ...report,
            unitId: u.id,
            depth: u.path.split(" > ").length - 1,
            comments: viewer.access.comments.has(u.id) && all.commentsShown.has(u.id),
            followUp: followUp.get(u.id) ?? [],
          },
        ];
      }),
  };
}

/** A unit's comments, for those rule 7 allows, and only when the unit's report is shown. */
export function roundComments(store: Store, roundId: string, unitId: string, viewer: Viewer, k: number): string[] {
  const r = findRound(store, roundId);
  if (r.status !== "closed") throw new PulsenError("conflict", { kind: "round_still_open", what: "comments" });
  if (!viewer.access.comments.has(unitId)) throw new PulsenError("forbidden", { kind: "comments_not_yours" });
  const unit = store.select({ path: units.path }).from(units).where(eq(units.id, unitId)).get();
  if (unit === undefined) throw new PulsenError("not_found", { kind: "unit_unknown" });
  const c = unitComments(store, roundId, unit.path, k);
  if (!c.shown) throw new PulsenError("forbidden", { kind: "comments_hidden" });
  return c.comments;
}
