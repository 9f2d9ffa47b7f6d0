import { hasDashboard } from "../core/access";
import { personSettings } from "../db/person-settings";
import { and, desc, eq, inArray } from "drizzle-orm";
import type { Clock } from "../core/clock";
import { DEFAULT_LOCALE, type Locale } from "../core/locale";
import { answerWindow } from "../core/round";
import type { Db } from "../db/open";
import { loadViewer } from "../db/viewer-store";
import { invitations, personRoles, rounds, series, unitChannels, unitLeaders, units } from "../db/schema";
import { subtreeUnitIds } from "../rounds/audience";
import { roundParticipation, shownParticipation } from "../rounds/participation";
import { listPlans, type PlanView } from "../plans/plans";
import { catalogs, formatDateTime, type Catalog } from "./catalog";
import type { Block, BotMessage, Button } from "./message";
import type { CommandPlace } from "./port";

export type ChannelResult = { ok: true; message: BotMessage; units: string[] } | { ok: false; message: BotMessage };

/**
 * Everything besides the survey itself that a person can ask the bot:
 * help, their status, a leader choosing the unit's channel, the home view.
 * Participation shows counts only, never who has answered (DESIGN.md rule 6).
 */
export class Assistant {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly publicUrl: string,
    /** k: a unit's live count follows the anonymity rules for counts (rule 6). */
    private readonly anonymityMin: number,
    /** Mints a one-time dashboard sign-in URL for a person (the web layer's sessions). */
    private readonly signInUrl: (personId: string) => { url: string; minutes: number } = () => ({
      url: publicUrl,
      minutes: 0,
    }),
  ) {}

  private who(personId: string): { locale: Locale; timezone: string; t: Catalog } {
    const { locale, timezone } = personSettings(this.db, personId);
    return { locale, timezone, t: catalogs[locale] };
  }

  private message(ref: string, blocks: Block[], summary: string): BotMessage {
    return { ref, blocks, summary };
  }

  /** For someone the organization file does not know. */
  unknown(locale: Locale = DEFAULT_LOCALE): BotMessage {
    const text = catalogs[locale].notKnown;
    return this.message("unknown", [{ type: "text", text }], text);
  }

  /**
   * What the person can type, written as this platform types it: "/pulsen status" in Slack,
   * "status" in a Teams 1:1 chat, "@Pulsen status" in a Teams channel, "status" in the web chat.
   */
  help(personId: string, place: CommandPlace, unknownWord?: string): BotMessage {
    const { t } = this.who(personId);
    const cmd =
      place.platform === "slack"
        ? (w: string) => `/pulsen ${w}`
        : place.mentioned
          ? (w: string) => `@Pulsen ${w}`
          : (w: string) => w;
    const channel = place.platform === "webchat" ? null : t.helpChannel[place.platform];
    const lines = t.helpLines({ cmd, channel }).map((text) => ({ type: "text" as const, text }));
    const lead = unknownWord === undefined ? [] : [{ type: "text" as const, text: t.unknownCommand(unknownWord) }];
    return this.message("help", [{ type: "header", text: t.helpTitle }, ...lead, ...lines], t.helpTitle);
  }

  /** A one-line answer in the person's language. */
  say(personId: string, ref: string, pick: (t: Catalog) => string): BotMessage {
    const text = pick(this.who(personId).t);
    return this.message(ref, [{ type: "text", text }], text);
  }

  private statusBlocks(personId: string): Block[] {
    const { t, locale, timezone } = this.who(personId);
    const now = this.clock.now();
    const mine = this.db
      .select({ round: rounds, name: series.name, completed: invitations.completed })
      .from(invitations)
      .innerJoin(rounds, eq(rounds.id, invitations.roundId))
      .innerJoin(series, eq(series.id, rounds.seriesId))
      .where(and(eq(invitations.personId, personId), eq(rounds.status, "open")))
      .all()
      .filter((r) => answerWindow(r.round, now).open);
    const blocks: Block[] = [{ type: "header", text: t.statusTitle }];
    if (mine.length === 0) blocks.push({ type: "text", text: t.statusNone });
    const starts: Button[] = [];
    for (const r of mine) {
      const until = formatDateTime(r.round.closesAt ?? now, locale, timezone);
      blocks.push({ type: "text", text: r.completed ? t.statusDone(r.name) : t.statusOpen(r.name, until) });
      if (!r.completed)
        starts.push({ label: `${t.start}: ${r.name}`, action: { a: "start", r: r.round.id }, style: "primary" });
    }
    if (starts.length > 0) blocks.push({ type: "buttons", buttons: starts });
    const led = this.db
      .select({ unitId: unitLeaders.unitId, path: units.path })
      .from(unitLeaders)
      .innerJoin(units, eq(units.id, unitLeaders.unitId))
      .where(eq(unitLeaders.personId, personId))
      .all();
    const openRounds = this.db
      .select({ id: rounds.id })
      .from(rounds)
      .where(eq(rounds.status, "open"))
      .all()
      .map((r) => r.id);
    // The same figures the halfway nudge and the dashboard use: a unit too small to show alone is named
    // inside the unit it is counted in (rule 6).
    for (const roundId of led.length === 0 ? [] : openRounds) {
      const p = roundParticipation(this.db, roundId, this.anonymityMin);
      if (p === null) continue;
      for (const unit of led) {
        const shown = shownParticipation(p, unit.unitId);
        if (shown === null) continue;
        const label = shown.unitId === unit.unitId ? unit.path : t.countedIn(unit.path, shown.unit);
        blocks.push({
          type: "context",
          text: t.statusUnit(label, shown.answered, shown.invited, Math.round(shown.responseRate * 100)),
        });
      }
    }
    return blocks;
  }

  status(personId: string): BotMessage {
    return this.message("status", this.statusBlocks(personId), this.who(personId).t.statusTitle);
  }

  /** The home tab: your surveys, your units' participation, and the dashboard for leaders and HR. */
  home(personId: string): BotMessage {
    const { t } = this.who(personId);
    const blocks = this.statusBlocks(personId);
    // Each led unit's newest action plan, and how far it has come.
    const led = this.db
      .select({ unitId: unitLeaders.unitId })
      .from(unitLeaders)
      .where(eq(unitLeaders.personId, personId))
      .all()
      .map((l) => l.unitId);
    const newest = new Map<string, PlanView>();
    for (const p of listPlans(this.db, this.clock.now(), { unitIds: led }))
      if (!newest.has(p.unitId)) newest.set(p.unitId, p);
    for (const p of newest.values())
      blocks.push({ type: "text", text: t.homePlan(p.unit, p.progress.done, p.progress.total, p.progress.overdue) });
    if (this.isLeaderOrHr(personId)) blocks.push({ type: "context", text: t.homeDashboard(this.publicUrl) });
    return this.message("home", blocks, t.statusTitle);
  }

  /**
   * A one-time sign-in link to the dashboard, for those it has something for.
   * Only ever sent privately: a DM, or a Slack reply only the asker sees.
   */
  dashboard(personId: string): BotMessage {
    const { t } = this.who(personId);
    // The same rule the dashboard itself applies: something to see, or no link.
    const viewer = loadViewer(this.db, personId);
    if (viewer === null || !hasDashboard(viewer.access))
      return this.message("dashboard", [{ type: "text", text: t.dashboardNoAccess }], t.dashboardNoAccess);
    const link = this.signInUrl(personId);
    const text = t.signInLink(link.minutes);
    return this.message(
      "dashboard",
      [
        { type: "text", text },
        { type: "link", label: t.dashboardOpen, url: link.url },
      ],
      text,
    );
  }

  dashboardOnlyPersonal(personId: string): BotMessage {
    const text = this.who(personId).t.dashboardOnlyPersonal;
    return this.message("dashboard", [{ type: "text", text }], text);
  }

  private isLeaderOrHr(personId: string): boolean {
    const leads = this.db
      .select({ u: unitLeaders.unitId })
      .from(unitLeaders)
      .where(eq(unitLeaders.personId, personId))
      .get();
    const hr = this.db
      .select({ r: personRoles.role })
      .from(personRoles)
      .where(and(eq(personRoles.personId, personId), eq(personRoles.role, "hr")))
      .get();
    return leads !== undefined || hr !== undefined;
  }

  /**
   * A leader (or HR) points their unit's digests at a channel: every unit they
   * lead, or the one named by path.
   */
  setChannel(
    personId: string,
    platform: "slack" | "teams",
    channel: string,
    channelLabel: string,
    unitPath?: string,
  ): ChannelResult {
    const { t } = this.who(personId);
    const text = (s: string) => this.message("channel", [{ type: "text", text: s }], s);
    const isHr =
      this.db
        .select({ r: personRoles.role })
        .from(personRoles)
        .where(and(eq(personRoles.personId, personId), eq(personRoles.role, "hr")))
        .get() !== undefined;
    const led = this.db
      .select({ id: units.id, path: units.path })
      .from(unitLeaders)
      .innerJoin(units, eq(units.id, unitLeaders.unitId))
      .where(eq(unitLeaders.personId, personId))
      .all();
    let targets = led;
    if (unitPath !== undefined && unitPath.trim() !== "") {
      const unit = this.db
        .select({ id: units.id, path: units.path })
        .from(units)
        .where(eq(units.path, unitPath.trim()))
        .get();
      if (unit === undefined || (!isHr && !led.some((l) => l.id === unit.id)))
        return { ok: false, message: text(t.channelUnknownUnit(unitPath.trim())) };
      targets = [unit];
    }
    if (targets.length === 0) return { ok: false, message: text(t.channelNotLeader) };
    const now = this.clock.now();
    this.db.transaction((tx) => {
      for (const u of targets) {
        tx.insert(unitChannels)
          .values({ unitId: u.id, platform, channel, createdAt: now })
          .onConflictDoUpdate({
            target: [unitChannels.unitId, unitChannels.platform],
            set: { channel, createdAt: now },
          })
          .run();
      }
    });
    const names = targets.map((u) => u.path).join(", ");
    return { ok: true, message: text(t.channelSet(channelLabel, names)), units: targets.map((u) => u.path) };
  }

  /** For each unit the person leads: the latest closed round it took part in. */
  latestResults(personId: string): { roundId: string; unitId: string }[] {
    const led = this.db
      .select({ unitId: unitLeaders.unitId })
      .from(unitLeaders)
      .where(eq(unitLeaders.personId, personId))
      .all();
    const out: { roundId: string; unitId: string }[] = [];
    for (const { unitId } of led) {
      const latest = this.db
        .select({ id: rounds.id })
        .from(rounds)
        .innerJoin(invitations, eq(invitations.roundId, rounds.id))
        .where(and(eq(rounds.status, "closed"), inArray(invitations.unitId, subtreeUnitIds(this.db, unitId))))
        .orderBy(desc(rounds.closedAt))
        .limit(1)
        .get();
      if (latest) out.push({ roundId: latest.id, unitId });
    }
    return out;
  }

  noResults(personId: string): BotMessage {
    const text = this.who(personId).t.noResults;
    return this.message("results", [{ type: "text", text }], text);
  }

  channelOnlyInTeam(personId: string): BotMessage {
    const text = this.who(personId).t.channelOnlyInTeam;
    return this.message("channel", [{ type: "text", text }], text);
  }

  inviteToChannel(personId: string, channelLabel: string): BotMessage {
    const s = this.who(personId).t.channelInvite(channelLabel);
    return this.message("channel-invite", [{ type: "text", text: s }], s);
  }
}
