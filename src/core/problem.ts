/**
 * What went wrong, as data. The domain decides the problem once; each surface
 * says it in its reader's language (problem-text/): the web app in the
 * viewer's, the CLI and the logs in English. Never carries an answer's value.
 */
export type Problem =
  // The organization file
  | { kind: "file_not_utf8"; windows1252: boolean }
  | { kind: "file_not_csv"; detail: string }
  | { kind: "file_empty" }
  | { kind: "file_no_people" }
  | { kind: "file_not_attached" }
  | { kind: "file_has_errors"; count: number }
  | { kind: "columns_missing"; columns: string[] }
  | { kind: "columns_unknown"; columns: string[]; expected: string[] }
  | { kind: "columns_repeated"; columns: string[] }
  | { kind: "field_count"; got: number; expected: number }
  | { kind: "column_empty"; column: string }
  | { kind: "field_too_long"; column: string; max: number }
  | { kind: "unit_part_too_long"; column: string; max: number }
  | { kind: "email_invalid"; value: string }
  | { kind: "unit_empty_part"; column: string; value: string }
  | { kind: "role_unknown"; value: string; known: readonly string[] }
  | { kind: "slack_id_invalid"; value: string }
  | { kind: "teams_id_invalid"; value: string }
  | { kind: "locale_unknown"; value: string; known: readonly string[] }
  | { kind: "time_zone_unknown"; value: string }
  | { kind: "phone_invalid"; value: string }
  | { kind: "channel_unknown"; value: string; known: readonly string[] }
  | { kind: "channel_needs"; channel: string; column: string }
  | { kind: "value_repeated"; column: string; value: string; firstLine: number }
  | { kind: "unit_outside_org"; unit: string; org: string }
  | { kind: "leader_of_unknown"; unit: string }
  | { kind: "no_organization" }
  // Rounds
  | { kind: "round_unknown"; id: string }
  | { kind: "round_not_open"; id: string }
  | { kind: "round_not_opened_yet"; id: string }
  | { kind: "round_already_closed"; id: string }
  | { kind: "round_still_open"; what: "results" | "comments" }
  | { kind: "reminder_sent_today"; id: string; at: string }
  | { kind: "date_invalid"; field: string; value: string; example: string }
  | { kind: "extend_not_later"; current: string }
  | { kind: "extend_into_next_round"; nextOpens: string }
  | { kind: "series_has_open_round"; round: string }
  // Series
  | { kind: "series_unknown"; id: string }
  | { kind: "edit_cuts_open_round"; round: string; opens: DayTime; ends: DayTime }
  | { kind: "series_already"; id: string; status: "paused" | "active" }
  | { kind: "audience_unknown"; audience: string }
  | { kind: "cadence_invalid"; reason: string }
  | { kind: "open_days_overlap"; openDays: number; everyDays: number }
  | { kind: "reminder_day_outside"; day: number; last: number }
  | { kind: "items_per_round"; max: number; instrument: string }
  // Instruments
  | { kind: "instrument_unknown"; id: string; version: number | null }
  | { kind: "instrument_builtin_id"; id: string }
  | { kind: "instrument_version_taken"; id: string; latest: number }
  | { kind: "instrument_has_errors"; count: number }
  | { kind: "instrument_id_repeated"; field: string; id: string }
  | { kind: "instrument_same_statement"; field: string; sameAs: string }
  | { kind: "instrument_id_form"; field: string }
  // Action plans
  | { kind: "plan_waits_for_close" }
  | { kind: "plan_unknown" }
  | { kind: "measure_unknown" }
  | { kind: "measure_not_yours" }
  | { kind: "measure_done" }
  | { kind: "measure_text_length"; min: number; max: number }
  | { kind: "deadline_not_date" }
  | { kind: "deadline_past" }
  | { kind: "deadline_too_far" }
  | { kind: "focus_too_many"; focus: "preserve" | "improve"; max: number }
  | { kind: "focus_none" }
  | { kind: "focus_has_measures"; factor: string }
  | { kind: "measure_needs_focus"; factor: string }
  | { kind: "measures_per_area_full"; factor: string; max: number }
  | { kind: "focus_unknown_factor"; factor: string }
  | { kind: "focus_twice"; factor: string }
  | { kind: "responsible_not_active" }
  // Access
  | { kind: "sign_in_first" }
  | { kind: "link_used_or_expired" }
  | { kind: "hr_only"; what: "rounds" | "insights" }
  | { kind: "unit_not_yours" }
  | { kind: "leaders_and_hr_only"; what: "channels" | "plan" }
  | { kind: "comments_not_yours" }
  | { kind: "comments_hidden" }
  | { kind: "unit_unknown" }
  | { kind: "person_not_in_unit"; field: string }
  | { kind: "body_unreadable" }
  | { kind: "slack_channel_invalid" }
  | { kind: "teams_channel_invalid" }
  | { kind: "teams_no_conversation" }
  | { kind: "platform_not_configured"; platform: string }
  | { kind: "teams_sign_in_off" }
  | { kind: "teams_account_unknown" }
  | {
      kind: "teams_token_refused";
      why: "not_a_token" | "no_tenant" | "other_tenant" | "no_user" | "refused";
      code?: string;
    }
  | { kind: "demo_picker_only" }
  | { kind: "demo_person_unknown" }
  // A request's shape (an API body, a query, a path): the field and the rule it broke
  | { kind: "field_invalid"; field: string; rule: FieldRule };

export type ProblemKind = Problem["kind"];

/** A moment in the organization's zone: YYYY-MM-DD and HH:mm. */
interface DayTime {
  day: string;
  time: string;
}

/** Which rule a field broke, from a zod issue: enough to say it in any language. */
export type FieldRule =
  | { rule: "missing" }
  | { rule: "too_short"; min: number }
  | { rule: "too_long"; max: number }
  | { rule: "too_small"; min: number }
  | { rule: "too_large"; max: number }
  | { rule: "too_few"; min: number }
  | { rule: "too_many"; max: number }
  | { rule: "format" }
  | { rule: "choice"; options: string[] }
  | { rule: "unknown_keys"; keys: string[] }
  | { rule: "invalid" };

/** One bad line of a file, and what is wrong with it. */
export interface LineProblem {
  line: number;
  problem: Problem;
}

/** The zod 4 issue, as much of it as a rule needs (kept structural: core does not depend on zod's types). */
export interface IssueLike {
  code: string;
  input?: unknown;
  origin?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  values?: readonly unknown[];
  keys?: readonly string[];
}

export function ruleOf(issue: IssueLike): FieldRule {
  const sized = issue.origin === "string" ? "text" : issue.origin === "array" || issue.origin === "set" ? "list" : "n";
  switch (issue.code) {
    case "invalid_type":
      return issue.input === undefined ? { rule: "missing" } : { rule: "invalid" };
    case "too_small": {
      const min = Number(issue.minimum ?? 0);
      if (sized === "text") return { rule: "too_short", min };
      return sized === "list" ? { rule: "too_few", min } : { rule: "too_small", min };
    }
    case "too_big": {
      const max = Number(issue.maximum ?? 0);
      if (sized === "text") return { rule: "too_long", max };
      return sized === "list" ? { rule: "too_many", max } : { rule: "too_large", max };
    }
    case "invalid_format":
      return { rule: "format" };
    case "invalid_value":
      return { rule: "choice", options: (issue.values ?? []).map(String) };
    case "unrecognized_keys":
      return { rule: "unknown_keys", keys: [...(issue.keys ?? [])] };
    default:
      return { rule: "invalid" };
  }
}
