/**
 * What each /api route answers, in one place: the handlers are annotated with
 * these types and the dashboard's JavaScript (src/web/public, checked by
 * tsconfig.web.json) reads them through JSDoc, so a change on either side
 * that the other does not follow is a compile error. Types only: nothing here
 * reaches the browser.
 */
import type { HiddenReason } from "../core/anonymity";
import type { Locale } from "../core/locale";
import type { MeasureStatus } from "../core/plan";
import type { Role } from "../core/roles";
import type { Segment } from "../core/scoring";
import type { FormSchedule } from "../core/cadence";
import type { PlansOverview } from "../plans/overview";
import type { PlanDraft } from "../plans/plan-edit";
import type { PlanView } from "../plans/plans";
import type { FollowUpResult } from "../reports/follow-up";
import type { Insights } from "../reports/insights";
import type { FactorReport, HiddenFigure, UnitReport } from "../reports/report";
import type { UnitParticipation } from "../rounds/participation";
import type { ReachFix } from "../rounds/reach";
import type { Platform } from "../jobs/sender";
import type { ChannelPlatform } from "./channel-targets";

// What the dashboard's JavaScript names besides the responses.
export type {
  ChannelPlatform,
  FactorReport,
  FormSchedule,
  HiddenFigure,
  HiddenReason,
  Locale,
  MeasureStatus,
  PlanView,
  Segment,
};

/** Every error: `error` is the code, `message` the reason in words. */
export interface ApiErrorBody {
  error: string;
  message?: string;
  /** One line per problem, e.g. each bad line of a CSV with its number. */
  details?: string[];
}

import type { ImportSummary } from "../org/import";

export interface OkResponse {
  ok: true;
}

/** Someone the demo's picker offers. */
interface DashboardPerson {
  id: string;
  name: string;
  what: string;
}

export interface SessionResponse {
  signedIn: boolean;
  demo: boolean;
  teamsSso: boolean;
  /** Only for the demo, and only before signing in. */
  people: DashboardPerson[];
}

export interface SignedInResponse {
  session: string;
}

export interface MeResponse {
  name: string;
  locale: Locale;
  roles: Role[];
  hr: boolean;
  leader: boolean;
  dashboard: boolean;
}

export interface RoundSummary {
  id: string;
  series: string;
  instrument: string;
  status: "open" | "closed";
  openedAt: string | null;
  closesAt: string | null;
  closedAt: string | null;
}

export interface RoundsResponse {
  rounds: RoundSummary[];
}

/** While open, a unit too small to show alone carries the figure of the unit it is counted in. */
interface CountedIn {
  unit: string;
  invited: number;
  answered: number;
  responseRate: number;
}

export type LiveUnit = UnitParticipation & { depth: number; counted?: CountedIn };

export interface ParticipationResponse {
  round: string;
  status: "scheduled" | "open" | "closed";
  closesAt: string | null;
  total: UnitParticipation | null;
  units: LiveUnit[];
}

interface ResultsFactor {
  id: string;
  name: string;
  items: { id: string; text: string; reverse: boolean }[];
}

export type ResultsUnit = UnitReport & { unitId: string; depth: number; comments: boolean; followUp: FollowUpResult[] };

export interface ResultsResponse {
  round: RoundSummary;
  anonymityMin: number;
  factors: ResultsFactor[];
  units: ResultsUnit[];
}

export type InsightsResponse = Insights;

export interface CommentsResponse {
  comments: string[];
}

export interface ChannelsResponse {
  platforms: ChannelPlatform[];
  units: { id: string; path: string; channels: Partial<Record<ChannelPlatform, string>> }[];
}

export interface ChannelSetResponse {
  unit: string;
  platform: ChannelPlatform;
  channel: string;
}

export type PlanResponse = PlanDraft;

export interface PlanChangedResponse {
  plan: PlanView | null;
}

export interface MeasureAddedResponse extends PlanChangedResponse {
  id: string;
}

export interface MeasureStatusResponse {
  changed: boolean;
}

export interface PlanReportResponse {
  /** The printable report's one-time, same-origin address. */
  url: string;
}

export interface MeasureDeadlineResponse {
  deadline: string;
  changed: boolean;
}

export type PlansOverviewResponse = PlansOverview;

export interface PlansResponse {
  plans: PlanView[];
}

export interface RoundRemindedResponse {
  /** Reminders queued (the outbox sends them in each person's send window); null when fewer than k were invited. */
  queued: number | null;
}

export interface RoundExtendedResponse {
  closesAt: string;
}

export interface RoundClosedResponse {
  closed: true;
}

export interface SeriesResponse {
  series: {
    id: string;
    name: string;
    /** A unit path, or null for everyone. */
    audience: string | null;
    status: "active" | "paused";
    /** The next three runs, written by the server in the reader's language and the organization's zone. */
    next: string[];
    openRound: string | null;
    /** What the edit form starts from. */
    form: {
      name: string;
      instrumentId: string;
      /** A unit path, or "all", as the form's field takes it. */
      audience: string;
      /** null: a schedule the form cannot say (written with the CLI); saving replaces it. */
      schedule: FormSchedule | null;
      openDays: number;
      reminderDays: number[];
    };
  }[];
}

/** Before a round opens: who it reaches and how, and its first message as employees will see it. */
export interface OpenPreviewResponse {
  audience: number;
  platforms: Partial<Record<"slack" | "teams" | "webchat", number>>;
  slackByEmail: number;
  /** `reason`: as the platform said it (technical); `fix`: what it means and what fixes it, said by the page. */
  unreachable: { reason: string; fix: ReachFix; count: number }[];
  message: import("../bot/message").BotMessage;
}

export interface UnreachableResponse {
  /** How many the invitations reached on each channel (slack, teams, email, sms, webchat). */
  reached: Partial<Record<Platform, number>>;
  /** For HR, who must fix them: each with the reason and what fixes it (decided by the server). */
  people: {
    email: string;
    name: string;
    unit: string;
    reason: string;
    fix: ReachFix;
  }[];
}

export interface InstrumentsResponse {
  instruments: {
    id: string;
    name: string;
    version: number;
    source: "builtin" | "custom";
    factors: number;
    statements: number;
  }[];
}

export interface InstrumentAddedResponse {
  id: string;
  version: number;
}

export interface SeriesCreatedResponse {
  id: string;
  /** The next three runs, as the server writes dates for this reader. */
  next: string[];
}

export interface SeriesEditedResponse {
  /** The next three runs of the changed series (none while it is paused), written for this reader. */
  next: string[];
}

export interface RoundOpenedResponse {
  id: string;
}

export interface AuditResponse {
  /** Newest first; `who` is "" for the command line and for someone forgotten since. */
  entries: {
    at: string;
    who: string;
    via: "cli" | "web" | "scheduler";
    action: string;
    subject: string | null;
    details: Record<string, string | number | boolean | null>;
  }[];
}

/**
 * Method and path → answer. `${string}` stands for an id; the browser's
 * `api(method, path)` takes only these and returns the matching type.
 */
interface ApiRoutes {
  "GET /session": SessionResponse;
  "POST /session/demo": SignedInResponse;
  "POST /session/teams": SignedInResponse;
  "DELETE /session": OkResponse;
  "GET /me": MeResponse;
  "GET /rounds": RoundsResponse;
  [route: `GET /rounds/${string}/participation`]: ParticipationResponse;
  [route: `GET /rounds/${string}/results`]: ResultsResponse;
  [route: `GET /rounds/${string}/insights`]: InsightsResponse;
  [route: `GET /rounds/${string}/units/${string}/comments`]: CommentsResponse;
  "GET /channels": ChannelsResponse;
  [route: `PUT /units/${string}/channel`]: ChannelSetResponse;
  [route: `GET /rounds/${string}/units/${string}/plan`]: PlanResponse;
  [route: `PUT /rounds/${string}/units/${string}/plan/focus`]: PlanChangedResponse;
  [route: `POST /rounds/${string}/units/${string}/plan/measures`]: MeasureAddedResponse;
  [route: `PATCH /measures/${string}`]: MeasureStatusResponse;
  "GET /plans": PlansResponse;
  "GET /plans/overview": PlansOverviewResponse;
  [route: `POST /rounds/${string}/units/${string}/plan/report`]: PlanReportResponse;
  [route: `PATCH /measures/${string}/deadline`]: MeasureDeadlineResponse;
  [route: `POST /rounds/${string}/remind`]: RoundRemindedResponse;
  [route: `POST /rounds/${string}/extend`]: RoundExtendedResponse;
  [route: `POST /rounds/${string}/close`]: RoundClosedResponse;
  "GET /audit": AuditResponse;
  "GET /series": SeriesResponse;
  "POST /series": SeriesCreatedResponse;
  // PUT, not POST: the whole form replaces the settings, and `POST /series/${string}` would also match
  // (and contradict) the /open, /pause and /resume entries below.
  [route: `PUT /series/${string}`]: SeriesEditedResponse;
  [route: `GET /rounds/${string}/unreachable`]: UnreachableResponse;
  "GET /instruments": InstrumentsResponse;
  "POST /instruments": InstrumentAddedResponse;
  "POST /org/import?dryRun=true": ImportSummary;
  "POST /org/import?dryRun=false": ImportSummary;
  [route: `GET /series/${string}/preview`]: OpenPreviewResponse;
  [route: `POST /series/${string}/open`]: RoundOpenedResponse;
  [route: `POST /series/${string}/pause`]: OkResponse;
  [route: `POST /series/${string}/resume`]: OkResponse;
}

export type ApiMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The paths a method has. */
export type ApiPath<M extends ApiMethod> = keyof ApiRoutes extends infer K
  ? K extends `${M} ${infer P}`
    ? P
    : never
  : never;

export type ApiResponse<M extends ApiMethod, P extends string> = `${M} ${P}` extends keyof ApiRoutes
  ? ApiRoutes[`${M} ${P}`]
  : never;
