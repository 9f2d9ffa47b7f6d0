import { cleanText } from "./clean-text";
import type { Problem } from "./problem";

/**
 * Background variables in the org CSV: `attr:NAME` columns (CONTRACT.md), any number up to a limit.
 * A name is what the CLI's `--by attr:NAME` and the dashboard use, so it is kept to lower-case letters,
 * digits and "_"; a value is free text, cleaned like every stored text, and empty means no value.
 */
export const ATTRIBUTE_PREFIX = "attr:";
const NAME_MAX = 40;
/** A value is a short category ("deltid", "sykepleier"), never a note about a person. */
const VALUE_MAX = 100;
/** More columns than a breakdown could use; one header can no longer add thousands. */
const COLUMNS_MAX = 20;
const NAME_FORM = /^[a-z0-9_]+$/;

export const isAttributeColumn = (column: string): boolean => column.startsWith(ATTRIBUTE_PREFIX);

export const attributeColumn = (name: string): string => `${ATTRIBUTE_PREFIX}${name}`;

/** The attribute name a `--by` or a route names, or null when it is not one that could exist. */
export function attributeName(text: string): string | null {
  const name = text.startsWith(ATTRIBUTE_PREFIX) ? text.slice(ATTRIBUTE_PREFIX.length) : text;
  return NAME_FORM.test(name) && name.length <= NAME_MAX ? name : null;
}

/** What is wrong with the header's `attr:` columns (already lower-cased), for line 1. */
export function attributeHeaderProblems(columns: readonly string[]): Problem[] {
  const attrs = columns.filter(isAttributeColumn);
  const problems: Problem[] = [];
  const bad = attrs.filter((c) => attributeName(c) === null);
  if (bad.length > 0) problems.push({ kind: "attribute_name_invalid", columns: bad, max: NAME_MAX });
  if (attrs.length > COLUMNS_MAX) problems.push({ kind: "attributes_too_many", got: attrs.length, max: COLUMNS_MAX });
  return problems;
}

/** One row's attribute fields (name → text as read) as stored values; empty ones are left out. */
export function attributeValues(
  fields: Readonly<Record<string, string>>,
): { ok: true; values: Record<string, string> } | { ok: false; problems: Problem[] } {
  const values: Record<string, string> = {};
  const problems: Problem[] = [];
  for (const [name, text] of Object.entries(fields)) {
    const value = cleanText(text).trim().replace(/\s+/g, " ");
    if (value.length > VALUE_MAX)
      problems.push({ kind: "field_too_long", column: attributeColumn(name), max: VALUE_MAX });
    else if (value !== "") values[name] = value;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, values };
}

/** The `attr:NAME` columns of the file whose value differs between the two (absent: no value). */
export function changedAttributes(
  columns: readonly string[],
  now: Readonly<Record<string, string>>,
  was: Readonly<Record<string, string>>,
): `attr:${string}`[] {
  return columns.filter((name) => now[name] !== was[name]).map((name) => `attr:${name}` as const);
}
