import { eq } from "drizzle-orm";
import type { Instrument } from "../core/instrument";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from "../core/locale";
import { getInstrument } from "../db/instrument-store";
import type { Db } from "../db/open";
import { getOrganization } from "../db/org-store";
import { rounds, series, units } from "../db/schema";
import { type Clock, systemClock } from "../core/clock";
import { type RoundParticipation, roundParticipation, shownParticipation } from "../rounds/participation";
import { appreciationCount } from "../reports/comments";
import { followUpResults, type FollowUpResult } from "../reports/follow-up";
import { type FactorReport, type RoundReports, roundReports } from "../reports/report";
import { catalogs, formatDateTime } from "./catalog";
import type { Block, BotMessage } from "./message";

/** How long a nudge's counts may be reused for the next nudge of the same round. */
const LIVE_FOR_MS = 30_000;

/** The arrow the report decided, with the change beside it. */
function arrow(f: Extract<FactorReport, { suppressed: false }>): string {
  if (f.direction === null || f.trend === null) return "–";
  const change = `${f.trend > 0 ? "+" : ""}${f.trend.toFixed(2)}`;
  return f.direction === "up" ? `↑ ${change}` : f.direction === "down" ? `↓ ${change}` : `→ ${change}`;
}

/**
 * Leader digests and HR's summary, built from the round's reports with the
 * anonymity engine's decisions: a suppressed unit gets an explanation, never
 * a figure or its response count.
 */
export class DigestComposer {
  private cache: {
    roundId: string;
    reports: RoundReports;
    instrument: Instrument;
    seriesName: string;
    followUp: Map<string, FollowUpResult[]>;
  } | null = null;

  /** The round's live participation, shared by the nudges sent in one go (each would recompute the whole tree). */
  private live: { roundId: string; at: number; figures: RoundParticipation | null } | null = null;

  constructor(
    private readonly db: Db,
    private readonly anonymityMin: number,
    private readonly publicUrl: string,
    private readonly clock: Clock = systemClock,
  ) {}

  private participation(roundId: string): RoundParticipation | null {
    const now = this.clock.now().getTime();
    if (this.live?.roundId !== roundId || now - this.live.at > LIVE_FOR_MS) {
      this.live = { roundId, at: now, figures: roundParticipation(this.db, roundId, this.anonymityMin) };
    }
    return this.live.figures;
  }

  /** Reports are computed once per round, not once per leader. */
  private load(roundId: string) {
    if (this.cache?.roundId === roundId) return this.cache;
    const row = this.db
      .select({ r: rounds, name: series.name })
      .from(rounds)
      .innerJoin(series, eq(series.id, rounds.seriesId))
      .where(eq(rounds.id, roundId))
      .get();
    if (row === undefined) return null;
    const { instrument } = getInstrument(this.db, row.r.instrumentId, row.r.instrumentVersion ?? undefined);
    const reports = roundReports(this.db, roundId, this.anonymityMin);
    this.cache = {
      roundId,
      reports,
      instrument,
      seriesName: row.name,
      followUp: followUpResults(this.db, roundId, reports, this.anonymityMin),
    };
    return this.cache;
  }

  private locale(locale?: Locale): Locale {
    return locale ?? getOrganization(this.db)?.defaultLocale ?? DEFAULT_LOCALE;
  }

  unitDigest(roundId: string, unitId: string, wanted?: Locale): BotMessage | null {
    const data = this.load(roundId);
    const report = data?.reports.byUnit.get(unitId);
    if (!data || !report) return null;
    const locale = this.locale(wanted);
    const t = catalogs[locale];
    const header = t.digestHeader(data.seriesName, report.unit);
    if (report.suppressed) {
      const text = t.digestSuppressed(report.unit, this.anonymityMin);
      // A hidden unit can still agree on measures: the plan is the team's, not the figures'.
      return {
        ref: `digest:${roundId}:${unitId}`,
        blocks: [
          { type: "header", text: header },
          { type: "text", text },
          this.planButton(roundId, unitId, locale),
          this.planLink(roundId, unitId, locale),
        ],
        summary: header,
      };
    }
    const name = (id: string) => data.instrument.factors.find((f) => f.id === id)?.name[locale] ?? id;
    const row = (f: FactorReport): string[] =>
      f.suppressed
        ? [name(f.id), t.digestHiddenCell, "–"]
        : [name(f.id), f.score === null ? "–" : f.score.toFixed(0), arrow(f)];
    const blocks: Block[] = [
      { type: "header", text: header },
      { type: "text", text: t.digestRate(report.responses, report.invited, Math.round(report.responseRate * 100)) },
      { type: "table", columns: [...t.digestColumns], rows: report.factors.map(row) },
    ];
    if (report.factors.some((f) => f.suppressed))
      blocks.push({ type: "context", text: t.digestHiddenNote(this.anonymityMin) });
    if (report.factors.some((f) => !f.suppressed && f.trendWithheld === "group_changed")) {
      blocks.push({ type: "context", text: t.digestTrendWithheld(this.anonymityMin) });
    }
    // The report's own choice, the same one the dashboard and the CLI show.
    if (report.strengths.length > 0)
      blocks.push({ type: "text", text: t.strengths(report.strengths.map(name).join(", ")) });
    if (report.improvements.length > 0)
      blocks.push({ type: "text", text: t.improvements(report.improvements.map(name).join(", ")) });
    // How the team judges the last plan's focus areas.
    for (const f of data.followUp.get(unitId) ?? []) {
      blocks.push({
        type: "text",
        text: t.digestFollowUp(
          name(f.factorId),
          Math.round(f.better * 100),
          Math.round(f.same * 100),
          Math.round(f.worse * 100),
        ),
      });
    }
    // The appreciative answers: how many, where they may be read; the texts stay in the app, as comments do.
    const appreciated = appreciationCount(this.db, roundId, data.reports, unitId);
    if (appreciated !== null && appreciated > 0)
      blocks.push({ type: "context", text: t.appreciativeDigest(appreciated) });
    blocks.push(
      { type: "text", text: t.digestNext },
      this.planButton(roundId, unitId, locale),
      this.planLink(roundId, unitId, locale),
    );
    return { ref: `digest:${roundId}:${unitId}`, blocks, summary: header };
  }

  /** Makes the unit's plan here in chat (src/bot/plan-making.ts), or opens it on the dashboard. */
  private planLink(roundId: string, unitId: string, locale: Locale): Block {
    const url = `${this.publicUrl}/?round=${encodeURIComponent(roundId)}&unit=${encodeURIComponent(unitId)}#plan`;
    return { type: "link", label: catalogs[locale].planCreate, url };
  }

  private planButton(roundId: string, unitId: string, locale: Locale): Block {
    const label = catalogs[locale].planInChat;
    return { type: "buttons", buttons: [{ label, action: { a: "plan", r: roundId, u: unitId }, style: "primary" }] };
  }

  /** The halfway nudge: counts at the time it is sent, and the deadline. */
  nudge(roundId: string, unitId: string, wanted?: Locale): BotMessage | null {
    const row = this.db
      .select({ r: rounds, name: series.name })
      .from(rounds)
      .innerJoin(series, eq(series.id, rounds.seriesId))
      .where(eq(rounds.id, roundId))
      .get();
    const unit = this.db.select({ path: units.path }).from(units).where(eq(units.id, unitId)).get();
    if (row === undefined || unit === undefined) return null;
    const locale = this.locale(wanted);
    const t = catalogs[locale];
    const p = this.participation(roundId);
    const shown = p === null ? null : shownParticipation(p, unitId);
    if (shown === null) return null;
    const org = getOrganization(this.db);
    const until = formatDateTime(row.r.closesAt ?? new Date(), locale, org?.defaultTimezone ?? DEFAULT_TIME_ZONE);
    const header = t.nudgeHeader(row.name);
    // A unit too small to be shown alone gets the figure of the unit it is counted in, named as such.
    const label = shown.unitId === unitId ? unit.path : t.countedIn(unit.path, shown.unit);
    const text = t.nudgeText(label, shown.answered, shown.invited, Math.round(shown.responseRate * 100), until);
    return {
      ref: `nudge:${roundId}:${unitId}`,
      blocks: [
        { type: "header", text: header },
        { type: "text", text },
      ],
      summary: header,
    };
  }

  hrSummary(roundId: string, wanted?: Locale): BotMessage | null {
    const data = this.load(roundId);
    if (!data || data.reports.rootUnitId === null) return null;
    const locale = this.locale(wanted);
    const t = catalogs[locale];
    const org = this.unitDigest(roundId, data.reports.rootUnitId, locale);
    const all = [...data.reports.byUnit.values()].filter((r) => r.invited > 0);
    const hidden = all.filter((r) => r.suppressed).length;
    const header = t.hrHeader(data.seriesName);
    return {
      ref: `hr:${roundId}`,
      blocks: [
        { type: "header", text: header },
        ...(org?.blocks.slice(1) ?? []),
        { type: "context", text: t.hrUnits(all.length - hidden, hidden) },
      ],
      summary: header,
    };
  }
}
