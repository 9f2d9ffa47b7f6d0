/** Branded ids: a RoundId can never be passed where a PersonId is expected. */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type OrgId = Brand<string, "OrgId">;
export type UnitId = Brand<string, "UnitId">;
export type PersonId = Brand<string, "PersonId">;
export type InstrumentId = Brand<string, "InstrumentId">;
export type SeriesId = Brand<string, "SeriesId">;
export type RoundId = Brand<string, "RoundId">;
export type ResponseId = Brand<string, "ResponseId">;
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
