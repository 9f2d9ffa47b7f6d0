import type { Problem } from "./problem";
import { parseUnitPath } from "./unit-path";

/**
 * The longest text each org CSV column takes. Every real value fits with room
 * to spare (RFC 5321 caps an address at 254; IANA zone names stay under 40;
 * E.164 is at most 16 with the "+", 32 leaves room for spaces; Slack and Entra
 * ids are under 40), while one row can no longer put 100 kB into the database,
 * every message that names a person, or an error list.
 */
const FIELD_MAX = {
  email: 254,
  name: 200,
  unit: 500,
  leader_of: 2000,
  roles: 200,
  slack_user_id: 100,
  teams_aad_object_id: 100,
  locale: 64,
  timezone: 64,
  phone: 32,
  channel: 16,
} as const;
/** One unit's own name: what a chat message, a dashboard heading or a digest shows. */
const UNIT_PART_MAX = 120;

type Column = keyof typeof FIELD_MAX;

const tooLongPart = (text: string) => {
  const p = parseUnitPath(text);
  return p.ok && p.path.some((s) => s.length > UNIT_PART_MAX);
};

/**
 * Length problems of one row, in column order. A row with any is refused on
 * these alone, so that no other message quotes an overlong value back.
 */
export function fieldLengthProblems(fields: Record<Column, string>): Problem[] {
  const problems: Problem[] = [];
  for (const column of Object.keys(FIELD_MAX) as Column[]) {
    const text = fields[column].trim();
    if (text.length > FIELD_MAX[column]) problems.push({ kind: "field_too_long", column, max: FIELD_MAX[column] });
    else if (column === "unit" ? tooLongPart(text) : column === "leader_of" && text.split(";").some(tooLongPart))
      problems.push({ kind: "unit_part_too_long", column, max: UNIT_PART_MAX });
  }
  return problems;
}
