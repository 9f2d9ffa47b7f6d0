import { z } from "zod";

/**
 * What to say: the bot layer turns an intent into its neutral message.
 * Stored as JSON in the outbox, so each kind has a schema and a row is parsed
 * when it is read back: a row from an older version or a hand edit is
 * set aside, not sent half-understood.
 */
const id = z.string().min(1);

const intentSchemas = {
  invite: z.object({ kind: z.literal("invite"), roundId: id }),
  remind: z.object({ kind: z.literal("remind"), roundId: id, n: z.number().int().positive() }),
  /** Rewrites a sent invitation or question in place once the round has closed. */
  closed: z.object({ kind: z.literal("closed"), roundId: id }),
  notice: z.object({ kind: z.literal("notice"), text: z.string() }),
  /** A unit's results after the round closed, for its leaders. */
  digest: z.object({ kind: z.literal("digest"), roundId: id, unitId: id }),
  /** Mid-round, to leaders of units under half: counts only, never names. */
  nudge: z.object({ kind: z.literal("nudge"), roundId: id, unitId: id }),
  /** The organization's results, for HR. */
  hr_summary: z.object({ kind: z.literal("hr_summary"), roundId: id }),
  /** A week before a measure's deadline, to the person responsible. */
  measure_remind: z.object({
    kind: z.literal("measure_remind"),
    measureId: id,
    /** Days before the deadline; older rows have none and were a week. */
    days: z.number().int().positive().optional(),
  }),
  /** On (and after) the deadline: how did it go? with status buttons. */
  measure_ask: z.object({ kind: z.literal("measure_ask"), measureId: id }),
  /** A measure's new status, for the unit's channel or leaders. */
  plan_progress: z.object({ kind: z.literal("plan_progress"), measureId: id }),
  /** A measure past its deadline and not done, to each leader of its unit, once. */
  measure_escalate: z.object({ kind: z.literal("measure_escalate"), measureId: id }),
  /** A plan's monthly progress: counts and the measures' texts, for the unit's channel or leaders. */
  plan_monthly: z.object({ kind: z.literal("plan_monthly"), planId: id, month: z.string() }),
} as const;

const s = intentSchemas;
const intentSchema = z.discriminatedUnion("kind", [
  s.invite,
  s.remind,
  s.closed,
  s.notice,
  s.digest,
  s.nudge,
  s.hr_summary,
  s.measure_remind,
  s.measure_ask,
  s.plan_progress,
  s.measure_escalate,
  s.plan_monthly,
]);

export type Intent = z.infer<typeof intentSchema>;

/** Only the kind's name and the paths that failed: an intent's text is never echoed into a log. */
export function describeIssues(error: z.ZodError): string {
  return error.issues.map((i) => `${i.path.length === 0 ? "(root)" : i.path.join(".")}: ${i.code}`).join("; ");
}

export type ParsedIntent = { ok: true; intent: Intent } | { ok: false; reason: string };

/** An outbox row's stored intent, checked against its kind's schema. */
export function parseIntent(stored: unknown): ParsedIntent {
  const r = intentSchema.safeParse(stored);
  if (r.success) return { ok: true, intent: r.data };
  return { ok: false, reason: `unreadable intent (${describeIssues(r.error)})` };
}
