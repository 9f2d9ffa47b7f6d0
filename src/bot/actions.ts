import { z } from "zod";
import { idPattern } from "../core/ids";
import { FOLLOW_UP_ANSWERS, MEASURE_STATUSES } from "../core/plan";
import type { BotAction } from "./message";

/**
 * Button payloads come back from chat platforms untrusted: anyone can forge
 * or replay one. This is the gate; everything past it is still checked
 * against the round, the person and the instrument by the survey engine.
 */
/** A statement's or follow-up's id (instrument data, e.g. "eng-3"). */
const id = z
  .string()
  .min(1)
  .max(80)
  .regex(/^[A-Za-z0-9_-]+$/);
// Our own ids have one shape each (src/core/ids.ts).
const r = z.string().regex(idPattern("round"));
const m = z.string().regex(idPattern("measure"));
const u = z.string().regex(idPattern("unit"));

export const actionSchema: z.ZodType<BotAction> = z.discriminatedUnion("a", [
  z.object({ a: z.literal("start"), r }).strict(),
  z.object({ a: z.literal("snooze"), r }).strict(),
  z.object({ a: z.literal("back"), r, i: id }).strict(),
  z.object({ a: z.literal("comment"), r }).strict(),
  z.object({ a: z.literal("skip_comment"), r }).strict(),
  z.object({ a: z.literal("appreciate"), r }).strict(),
  z.object({ a: z.literal("skip_appreciate"), r }).strict(),
  z
    .object({ a: z.literal("measure"), m, s: z.enum([...MEASURE_STATUSES, "later"]), d: z.iso.date().optional() })
    .strict(),
  z.object({ a: z.literal("plan"), r, u }).strict(),
  z.object({ a: z.literal("plan_save"), r, u }).strict(),
  z.object({ a: z.literal("plan_find"), r, u }).strict(),
  z.object({ a: z.literal("followup"), r, i: id, v: z.enum([...FOLLOW_UP_ANSWERS, "skip"]) }).strict(),
  z
    .object({
      a: z.literal("answer"),
      r,
      i: id,
      v: z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal("skip")]),
    })
    .strict(),
]);

export type ParsedAction = { ok: true; action: BotAction } | { ok: false; reason: string };

/** Parses a button value (JSON text or an already-parsed object). Never echoes the input. */
export function parseAction(raw: unknown): ParsedAction {
  let value: unknown = raw;
  if (typeof raw === "string") {
    if (raw.length > 2000) return { ok: false, reason: "payload too long" };
    try {
      value = JSON.parse(raw);
    } catch {
      return { ok: false, reason: "payload is not JSON" };
    }
  }
  const r = actionSchema.safeParse(value);
  return r.success
    ? { ok: true, action: r.data }
    : { ok: false, reason: `malformed ${typeof value === "object" && value && "a" in value ? "action" : "payload"}` };
}

export function encodeAction(action: BotAction): string {
  return JSON.stringify(action);
}
