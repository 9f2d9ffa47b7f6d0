import { z } from "zod";

/** Branded ids: a RoundId can never be passed where a PersonId is expected. */
declare const brand: unique symbol;
type Brand<T, B extends string> = T & { readonly [brand]: B };

export type OrgId = Brand<string, "OrgId">;
export type UnitId = Brand<string, "UnitId">;
export type PersonId = Brand<string, "PersonId">;
export type SeriesId = Brand<string, "SeriesId">;
export type RoundId = Brand<string, "RoundId">;
type ResponseId = Brand<string, "ResponseId">;
export type PlanId = Brand<string, "PlanId">;
export type MeasureId = Brand<string, "MeasureId">;

/** The prefix each kind of id carries, so an id in a log or a URL says what it names. */
export const ID_PREFIX = {
  org: "o",
  unit: "u",
  person: "p",
  series: "s",
  round: "r",
  response: "a",
  plan: "pl",
  measure: "m",
} as const;
export type IdKind = keyof typeof ID_PREFIX;

/** Each kind's branded type, for the schemas below. */
interface IdOf {
  org: OrgId;
  unit: UnitId;
  person: PersonId;
  series: SeriesId;
  round: RoundId;
  response: ResponseId;
  plan: PlanId;
  measure: MeasureId;
}

/**
 * What may follow an id's prefix. formatId writes 16 characters; the range leaves room
 * for other lengths without letting arbitrary text (paths, markup) through.
 */
const ID_BODY = "[0-9a-z]{4,40}";

/** The shape of an id of this kind, e.g. /^r_[0-9a-z]{4,40}$/ for a round. */
export function idPattern(kind: IdKind): RegExp {
  return new RegExp(`^${ID_PREFIX[kind]}_${ID_BODY}$`);
}

/** An id of this kind from outside (a URL, a request body): its shape checked, its brand given. */
export function idSchema<K extends IdKind>(kind: K) {
  return z
    .string()
    .regex(idPattern(kind), `is not a ${kind} id`)
    .transform((s) => s as IdOf[K]);
}

const ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz"; // Crockford base32, no look-alikes

/**
 * Builds an id from random bytes the caller supplies. Core stays free of I/O;
 * the randomness source is passed in (node:crypto in production).
 */
export function formatId(kind: IdKind, random: Uint8Array): string {
  let body = "";
  for (const byte of random) body += ALPHABET[byte % 32];
  return `${ID_PREFIX[kind]}_${body}`;
}
