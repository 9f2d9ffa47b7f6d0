import { z } from "zod";
import type { LineProblem, Problem } from "./problem";
import { cleanText } from "./clean-text";
import { LOCALES, isLocale, isTimeZone, type Locale } from "./locale";
import { attributeValues, changedAttributes } from "./org-attributes";
import { fieldLengthProblems } from "./org-limits";
import { ROLES, isRole, type Role } from "./roles";
import { formatUnitPath, parseUnitPath, pathWithAncestors, type UnitPath } from "./unit-path";

/**
 * The org import, as pure rules: which rows are valid, and what a valid file
 * changes in the organization we already have. Reading the file and writing
 * the database happen elsewhere.
 */
export const CSV_COLUMNS = [
  "email",
  "name",
  "unit",
  "leader_of",
  "roles",
  "slack_user_id",
  "teams_aad_object_id",
  "locale",
  "timezone",
] as const;
/** Columns a file may leave out (older files have only the first nine); read as empty when missing. */
export const OPTIONAL_CSV_COLUMNS = ["phone", "channel"] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number] | (typeof OPTIONAL_CSV_COLUMNS)[number];

/** How a person is invited; null in the record: automatic. */
const CHANNELS = ["slack", "teams", "email", "sms"] as const;
type Channel = (typeof CHANNELS)[number];

/** One CSV record as text, with the line it started on. */
export interface RawRow {
  line: number;
  fields: Record<CsvColumn, string>;
  /** The `attr:NAME` columns: name → text as read (empty: no value). */
  attributes?: Readonly<Record<string, string>>;
}

export interface PersonRecord {
  email: string;
  name: string;
  unit: UnitPath;
  leaderOf: UnitPath[];
  roles: Role[];
  slackUserId: string | null;
  teamsAadObjectId: string | null;
  locale: Locale | null;
  timezone: string | null;
  /** E.164, e.g. +4791234567. */
  phone: string | null;
  channel: Channel | null;
  /** Background variables, name → value; a name without a value is absent. */
  attributes: Readonly<Record<string, string>>;
}

export interface ValidRow extends PersonRecord {
  line: number;
}

const SLACK_USER_ID = /^[UW][A-Z0-9]{2,}$/;
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const emailFormat = z.email({ pattern: z.regexes.unicodeEmail });
const E164 = /^\+[1-9]\d{7,14}$/;

function list(text: string): string[] {
  return text
    .split(";")
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** Checks one row on its own; returns the reasons it is bad, or the record. */
function validateRow(raw: RawRow): { ok: true; row: ValidRow } | { ok: false; reasons: Problem[] } {
  // Every field as it will be stored and shown: no control or bidi characters (clean-text.ts).
  const f = Object.fromEntries(Object.entries(raw.fields).map(([k, v]) => [k, cleanText(v)])) as RawRow["fields"];
  const attrs = attributeValues(raw.attributes ?? {});
  const tooLong = [...fieldLengthProblems(f), ...(attrs.ok ? [] : attrs.problems)];
  if (tooLong.length > 0 || !attrs.ok) return { ok: false, reasons: tooLong };
  const reasons: Problem[] = [];
  const email = f.email.trim().toLowerCase();
  if (email === "") reasons.push({ kind: "column_empty", column: "email" });
  else if (!emailFormat.safeParse(email).success) reasons.push({ kind: "email_invalid", value: f.email.trim() });

  const name = f.name.trim().replace(/\s+/g, " ");
  if (name === "") reasons.push({ kind: "column_empty", column: "name" });

  let unit: UnitPath = [];
  const parsedUnit = parseUnitPath(f.unit);
  if (!parsedUnit.ok) {
    reasons.push(
      parsedUnit.reason === "empty"
        ? { kind: "column_empty", column: "unit" }
        : { kind: "unit_empty_part", column: "unit", value: f.unit.trim() },
    );
  } else unit = parsedUnit.path;

  const leaderOf: UnitPath[] = [];
  for (const text of list(f.leader_of)) {
    const p = parseUnitPath(text);
    if (p.ok) leaderOf.push(p.path);
    else reasons.push({ kind: "unit_empty_part", column: "leader_of", value: text });
  }

  const roles: Role[] = [];
  for (const role of list(f.roles)) {
    const r = role.toLowerCase();
    if (isRole(r)) {
      if (!roles.includes(r)) roles.push(r);
    } else reasons.push({ kind: "role_unknown", value: role, known: ROLES });
  }

  const slack = f.slack_user_id.trim();
  if (slack !== "" && !SLACK_USER_ID.test(slack)) reasons.push({ kind: "slack_id_invalid", value: slack });

  const teams = f.teams_aad_object_id.trim().toLowerCase();
  if (teams !== "" && !GUID.test(teams))
    reasons.push({ kind: "teams_id_invalid", value: f.teams_aad_object_id.trim() });

  const localeText = f.locale.trim().toLowerCase();
  let locale: Locale | null = null;
  if (localeText !== "") {
    if (isLocale(localeText)) locale = localeText;
    else reasons.push({ kind: "locale_unknown", value: f.locale.trim(), known: LOCALES });
  }

  const tz = f.timezone.trim();
  if (tz !== "" && !isTimeZone(tz)) reasons.push({ kind: "time_zone_unknown", value: tz });

  // Spaces and dashes as people write numbers ("+47 912 34 567") are dropped; the rest must be E.164.
  const phoneText = (f.phone ?? "").trim();
  const phone = phoneText === "" ? null : phoneText.replace(/[\s-]/g, "");
  if (phone !== null && !E164.test(phone)) reasons.push({ kind: "phone_invalid", value: phoneText });
  const channelText = (f.channel ?? "").trim().toLowerCase();
  let channel: Channel | null = null;
  if (channelText !== "") {
    if ((CHANNELS as readonly string[]).includes(channelText)) channel = channelText as Channel;
    else reasons.push({ kind: "channel_unknown", value: (f.channel ?? "").trim(), known: CHANNELS });
  }
  if (channel === "sms" && phone === null) reasons.push({ kind: "channel_needs", channel, column: "phone" });
  if (channel === "teams" && teams === "") {
    reasons.push({ kind: "channel_needs", channel, column: "teams_aad_object_id" });
  }

  if (reasons.length > 0) return { ok: false, reasons };
  return {
    ok: true,
    row: {
      line: raw.line,
      email,
      name,
      unit,
      leaderOf,
      roles,
      slackUserId: slack === "" ? null : slack,
      teamsAadObjectId: teams === "" ? null : teams,
      locale,
      timezone: tz === "" ? null : tz,
      phone,
      channel,
      attributes: attrs.values,
    },
  };
}

/**
 * Validates the whole file: each row alone, then across rows (duplicates,
 * one organization at the top, leader_of naming a unit of the file).
 */
export function validateRows(
  raws: readonly RawRow[],
  orgName: string | null,
): { ok: true; rows: ValidRow[] } | { ok: false; errors: LineProblem[] } {
  const errors: LineProblem[] = [];
  const rows: ValidRow[] = [];
  for (const raw of raws) {
    const r = validateRow(raw);
    if (r.ok) rows.push(r.row);
    else for (const problem of r.reasons) errors.push({ line: raw.line, problem });
  }

  const top = orgName ?? rows[0]?.unit[0] ?? null;
  const firstSeen = new Map<string, number>();
  const seen = (column: CsvColumn, key: string | null, line: number) => {
    if (key === null) return;
    const first = firstSeen.get(`${column}:${key}`);
    if (first === undefined) firstSeen.set(`${column}:${key}`, line);
    else errors.push({ line, problem: { kind: "value_repeated", column, value: key, firstLine: first } });
  };
  // Repeats are found across every row, valid or not, so one pass reports them all.
  const orNull = (v: string) => (v === "" ? null : v);
  for (const raw of raws) {
    const email = raw.fields.email.trim().toLowerCase();
    seen("email", orNull(email), raw.line);
    const slack = raw.fields.slack_user_id.trim();
    seen("slack_user_id", orNull(slack), raw.line);
    const teams = raw.fields.teams_aad_object_id.trim().toLowerCase();
    seen("teams_aad_object_id", orNull(teams), raw.line);
  }
  const units = new Set<string>();
  for (const row of rows) {
    if (top !== null && row.unit[0] !== top) {
      errors.push({ line: row.line, problem: { kind: "unit_outside_org", unit: formatUnitPath(row.unit), org: top } });
    }
    for (const p of pathWithAncestors(row.unit)) units.add(formatUnitPath(p));
  }
  for (const row of rows) {
    for (const led of row.leaderOf) {
      if (!units.has(formatUnitPath(led))) {
        errors.push({ line: row.line, problem: { kind: "leader_of_unknown", unit: formatUnitPath(led) } });
      }
    }
  }
  if (raws.length === 0) errors.push({ line: 1, problem: { kind: "file_no_people" } });
  if (errors.length > 0) return { ok: false, errors: errors.sort((a, b) => a.line - b.line) };
  return { ok: true, rows };
}

/** A person as the organization holds them now. */
export interface ExistingPerson extends PersonRecord {
  active: boolean;
}

type PersonField = Exclude<keyof PersonRecord, "attributes"> | "active" | `attr:${string}`;

export interface ImportPlan {
  orgName: string;
  /** The attributes the file sets (its `attr:` columns); others are left as they are. */
  attributeColumns: string[];
  createOrg: boolean;
  unitsToCreate: string[];
  add: ValidRow[];
  update: { row: ValidRow; fields: PersonField[] }[];
  /** In the organization but not in the file: they have left. */
  deactivate: string[];
  unchanged: number;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().every((v, i) => v === [...b].sort()[i]);
}

function changedFields(row: ValidRow, was: ExistingPerson, attributeColumns: readonly string[]): PersonField[] {
  const fields: PersonField[] = [];
  if (row.name !== was.name) fields.push("name");
  if (formatUnitPath(row.unit) !== formatUnitPath(was.unit)) fields.push("unit");
  if (!sameList(row.leaderOf.map(formatUnitPath), was.leaderOf.map(formatUnitPath))) fields.push("leaderOf");
  if (!sameList(row.roles, was.roles)) fields.push("roles");
  if (row.slackUserId !== was.slackUserId) fields.push("slackUserId");
  if (row.teamsAadObjectId !== was.teamsAadObjectId) fields.push("teamsAadObjectId");
  if (row.locale !== was.locale) fields.push("locale");
  if (row.timezone !== was.timezone) fields.push("timezone");
  if (row.phone !== was.phone) fields.push("phone");
  if (row.channel !== was.channel) fields.push("channel");
  fields.push(...changedAttributes(attributeColumns, row.attributes, was.attributes));
  if (!was.active) fields.push("active");
  return fields;
}

/** What importing these valid rows changes; the file is the full roster. */
export function planImport(
  rows: readonly ValidRow[],
  existing: { orgName: string | null; unitPaths: ReadonlySet<string>; people: ReadonlyMap<string, ExistingPerson> },
  attributeColumns: readonly string[] = [],
): ImportPlan {
  const orgName = existing.orgName ?? rows[0]?.unit[0] ?? "";
  const unitsToCreate = new Set<string>();
  for (const row of rows) {
    for (const p of pathWithAncestors(row.unit)) {
      const key = formatUnitPath(p);
      if (!existing.unitPaths.has(key)) unitsToCreate.add(key);
    }
  }
  const plan: ImportPlan = {
    orgName,
    attributeColumns: [...attributeColumns],
    createOrg: existing.orgName === null,
    unitsToCreate: [...unitsToCreate].sort(byDepthThenName),
    add: [],
    update: [],
    deactivate: [],
    unchanged: 0,
  };
  const inFile = new Set<string>();
  for (const row of rows) {
    inFile.add(row.email);
    const was = existing.people.get(row.email);
    if (was === undefined) plan.add.push(row);
    else {
      const fields = changedFields(row, was, attributeColumns);
      if (fields.length > 0) plan.update.push({ row, fields });
      else plan.unchanged++;
    }
  }
  for (const [email, person] of existing.people) {
    if (person.active && !inFile.has(email)) plan.deactivate.push(email);
  }
  plan.deactivate.sort();
  return plan;
}

function byDepthThenName(a: string, b: string): number {
  const da = a.split(" > ").length;
  const db = b.split(" > ").length;
  return da - db || a.localeCompare(b, "nb");
}
