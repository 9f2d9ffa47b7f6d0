import { z } from "zod";
import type { MeasureId, RoundId } from "../core/ids";
import { describeIssues } from "./intent";

/**
 * Every kind of durable job, with its payload's schema. The payload is stored
 * as JSON, so the runner parses it with its kind's schema before a handler
 * sees it; a job that does not parse is parked at once (retrying cannot fix it).
 */
// Ids this process wrote itself: a handler gets them branded; only their presence is checked.
const roundId = z
  .string()
  .min(1)
  .transform((s) => s as RoundId);
const measureId = z
  .string()
  .min(1)
  .transform((s) => s as MeasureId);
const roundPayload = z.object({ roundId });

const jobPayloads = {
  /** A scheduled round of a series opens. */
  "round.open": roundPayload,
  /** The index-th round-wide reminder. */
  "round.remind": z.object({ roundId, index: z.number().int().positive() }),
  /** Halfway: nudges for leaders of units under half. */
  "round.nudge": roundPayload,
  "round.close": roundPayload,
  /** After the close: whoever listens (digests) acts. */
  "round.closed": roundPayload,
  /** A week before a measure's deadline. */
  "measure.remind": z.object({ measureId }),
  /** The n-th "how did it go?" from the deadline on. */
  "measure.ask": z.object({ measureId, n: z.number().int().positive() }),
  /** A measure's follow-up for the deadline it had when scheduled (ms): a later deadline makes it a no-op. */
  "measure.follow": z.object({
    measureId,
    step: z.enum(["remind", "ask", "escalate"]),
    days: z.number().int().positive().optional(),
    deadline: z.number().int(),
  }),
  /** A plan's monthly progress note, for the month it is due in (YYYY-MM). */
  "plan.month": z.object({ planId: z.string().min(1), month: z.string().regex(/^\d{4}-\d{2}$/) }),
  /** The daily retention run (src/rounds/retention.ts): one per UTC day, YYYY-MM-DD. */
  "retention.apply": z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) }),
} as const;

export type JobKind = keyof typeof jobPayloads;
/** A payload as its handler gets it: parsed, ids branded. */
export type JobPayload<K extends JobKind> = z.output<(typeof jobPayloads)[K]>;

/** A job as it is queued: its kind and the payload that kind carries (plain strings will do for ids). */
export type Job = { [K in JobKind]: { kind: K; payload: z.input<(typeof jobPayloads)[K]> } }[JobKind];
/** A job as the runner read it back. */
export type StoredJob = { [K in JobKind]: { kind: K; payload: JobPayload<K> } }[JobKind];

function isJobKind(kind: string): kind is JobKind {
  return Object.hasOwn(jobPayloads, kind);
}

/**
 * The idempotency key a job gets unless its caller names one: one per thing
 * that should happen once. The shapes are stored in existing databases, so they never change.
 */
export function jobKey(job: Job): string {
  switch (job.kind) {
    case "round.open":
      return `round:${job.payload.roundId}:open`;
    case "round.remind":
      return `round:${job.payload.roundId}:remind:${job.payload.index}`;
    case "round.nudge":
      return `round:${job.payload.roundId}:nudge`;
    case "round.close":
      return `round:${job.payload.roundId}:close`;
    case "round.closed":
      return `round:${job.payload.roundId}:closed`;
    case "measure.remind":
      return `measure:${job.payload.measureId}:remind`;
    case "measure.ask":
      return `measure:${job.payload.measureId}:ask:${job.payload.n}`;
    case "measure.follow": {
      const p = job.payload;
      return `measure:${p.measureId}:${p.step}${p.days === undefined ? "" : `:${p.days}`}:${p.deadline}`;
    }
    case "plan.month":
      return `plan:${job.payload.planId}:month:${job.payload.month}`;
    case "retention.apply":
      return `retention:${job.payload.day}`;
  }
}

export type ParsedJob = { ok: true; job: StoredJob } | { ok: false; reason: string };

/** A stored job's kind and payload, checked. Only field paths go into the reason, never values. */
export function parseJob(kind: string, payload: unknown): ParsedJob {
  if (!isJobKind(kind)) return { ok: false, reason: `unknown job kind "${kind}"` };
  const r = jobPayloads[kind].safeParse(payload);
  if (!r.success) {
    return { ok: false, reason: `unreadable payload for job kind "${kind}" (${describeIssues(r.error)})` };
  }
  // The schema for `kind` produced this payload, so the pair is one of Job's members.
  return { ok: true, job: { kind, payload: r.data } as StoredJob };
}
