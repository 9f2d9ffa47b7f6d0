/**
 * The outbox's idempotency keys, in one place. A key names one message for
 * good: the same message queued twice (a retried job, a restart) gets the
 * same key and is sent once. The shapes are stored in existing databases,
 * so they never change.
 */
export type OutboxKeyOf =
  | { kind: "invite" | "hr-summary"; roundId: string; personId: string }
  | { kind: "remind"; roundId: string; personId: string; n: number }
  /** HR's "Remind now", one a day (YYYY-MM-DD in the organization's zone). */
  | { kind: "remind-now"; roundId: string; personId: string; day: string }
  /** A digest or nudge in a leader's direct chat: per unit, as one leader may lead several. */
  | { kind: "digest" | "nudge"; roundId: string; personId: string; unitId: string }
  | { kind: "unit-digest"; roundId: string; unitId: string }
  /** A survey message a platform posted itself (outside the outbox), by its platform message id. */
  | { kind: "survey"; roundId: string; personId: string; messageId: string }
  /** The in-place rewrite, at the close, of the message with this key. */
  | { kind: "closed"; of: string }
  | { kind: "measure-remind"; measureId: string }
  | { kind: "measure-ask"; measureId: string; n: number }
  /** A measure's status change, its updateNo-th: to the unit's channel, or to one leader. */
  | { kind: "progress"; measureId: string; updateNo: number; personId?: string }
  /** A leader shared the plan from chat (`at`: when, in ms): to the unit's channel, or to one leader. */
  | { kind: "plan-shared"; planId: string; at: number; personId?: string }
  /** A reminder (days before) or the status question, for one deadline (ms): a new deadline asks again. */
  | { kind: "measure-follow"; measureId: string; step: "remind" | "ask"; days?: number; deadline: number }
  /** An overdue measure, to one leader: once for good, whatever the deadline became. */
  | { kind: "measure-escalate"; measureId: string; personId: string }
  /** A plan's monthly progress note: to the unit's channel, or to one leader. */
  | { kind: "plan-month"; planId: string; month: string; personId?: string };

export function outboxKey(k: OutboxKeyOf): string {
  switch (k.kind) {
    case "invite":
    case "hr-summary":
      return `round:${k.roundId}:person:${k.personId}:${k.kind}`;
    case "remind":
      return `round:${k.roundId}:person:${k.personId}:remind:${k.n}`;
    case "remind-now":
      return `round:${k.roundId}:person:${k.personId}:remind-now:${k.day}`;
    case "digest":
    case "nudge":
      return `round:${k.roundId}:person:${k.personId}:${k.kind}:${k.unitId}`;
    case "unit-digest":
      return `round:${k.roundId}:unit:${k.unitId}:digest`;
    case "survey":
      return `round:${k.roundId}:person:${k.personId}:survey:${k.messageId}`;
    case "closed":
      return `${k.of}:closed`;
    case "measure-remind":
      return `measure:${k.measureId}:remind`;
    case "measure-ask":
      return `measure:${k.measureId}:ask:${k.n}`;
    case "measure-follow":
      return `measure:${k.measureId}:${k.step}${k.days === undefined ? "" : `:${k.days}`}:${k.deadline}`;
    case "measure-escalate":
      return `measure:${k.measureId}:escalate:person:${k.personId}`;
    case "plan-month": {
      const base = `plan:${k.planId}:month:${k.month}`;
      return k.personId === undefined ? `${base}:unit` : `${base}:person:${k.personId}`;
    }
    case "progress": {
      const base = `measure:${k.measureId}:progress:${k.updateNo}`;
      return k.personId === undefined ? `${base}:unit` : `${base}:person:${k.personId}`;
    }
    case "plan-shared": {
      const base = `plan:${k.planId}:shared:${k.at}`;
      return k.personId === undefined ? `${base}:unit` : `${base}:person:${k.personId}`;
    }
  }
}
