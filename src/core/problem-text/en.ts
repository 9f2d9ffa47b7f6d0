import type { ProblemTexts } from "./types";

const list = (xs: readonly string[]) => xs.join(", ");
const TOKEN_WHY = {
  not_a_token: "is not a token",
  no_tenant: "names no tenant",
  other_tenant: "is from another organization",
  no_user: "names no user",
  refused: "was refused",
} as const;
const s = (n: number) => (n === 1 ? "" : "s");

/** English: the CLI's and the logs' words, and the web app's for readers who chose English. */
export const en: ProblemTexts = {
  file_not_utf8: (p) =>
    `${p.windows1252 ? "the file looks like Windows-1252 (Excel's plain CSV), not UTF-8" : "the file is not UTF-8 text"}` +
    `: in Excel, save it as "CSV UTF-8 (kommadelt)"`,
  file_not_csv: (p) => `not valid CSV: ${p.detail}`,
  file_empty: () => "the file is empty (expected a header row)",
  file_no_people: () => "the file has a header but no people",
  file_not_attached: () => "body must be the CSV file",
  file_has_errors: (p) => `the file has ${p.count} error${s(p.count)}; nothing was imported`,
  columns_missing: (p) => `missing column(s): ${list(p.columns)}`,
  columns_unknown: (p) => `unknown column(s): ${list(p.columns)} (expected ${p.expected.join(",")})`,
  columns_repeated: (p) => `repeated column(s): ${list(p.columns)}`,
  field_count: (p) => `has ${p.got} fields, the header has ${p.expected}`,
  column_empty: (p) => `${p.column} is empty`,
  field_too_long: (p) => `${p.column} is longer than ${p.max} characters`,
  unit_part_too_long: (p) => `${p.column} has a part longer than ${p.max} characters`,
  email_invalid: (p) => `email "${p.value}" is not a valid email address`,
  unit_empty_part: (p) => `${p.column} "${p.value}" has an empty part between ">"`,
  role_unknown: (p) => `role "${p.value}" is unknown (use ${list(p.known)})`,
  slack_id_invalid: (p) => `slack_user_id "${p.value}" is not a Slack user id (like U012AB3CD)`,
  teams_id_invalid: (p) => `teams_aad_object_id "${p.value}" is not a GUID`,
  locale_unknown: (p) => `locale "${p.value}" is unknown (use ${list(p.known)}, or leave it empty)`,
  time_zone_unknown: (p) => `time zone "${p.value}" is not an IANA time zone name (like Europe/Oslo)`,
  phone_invalid: (p) => `phone "${p.value}" is not a phone number with country code (like +4791234567)`,
  channel_unknown: (p) => `channel "${p.value}" is unknown (use ${list(p.known)}, or leave it empty)`,
  channel_needs: (p) => `channel ${p.channel} needs ${p.column}`,
  value_repeated: (p) => `${p.column} ${p.value} appears again (first on line ${p.firstLine})`,
  unit_outside_org: (p) => `unit "${p.unit}" does not start with the organization "${p.org}"`,
  leader_of_unknown: (p) => `leader_of "${p.unit}" is not a unit of anyone in this file`,
  no_organization: () => "no organization yet (import one: pulsen org import FILE)",
  round_unknown: (p) => `no round "${p.id}"`,
  round_not_open: (p) => `round ${p.id} is not open`,
  round_not_opened_yet: (p) => `round ${p.id} has not opened yet`,
  round_already_closed: (p) => `round ${p.id} is already closed`,
  round_still_open: (p) => `${p.what} are shown only after the round closes`,
  reminder_sent_today: (p) =>
    `a reminder for round ${p.id} already went out today at ${p.at}; the next can go tomorrow`,
  date_invalid: (p) => `${p.field} must be a date as YYYY-MM-DD, such as ${p.example} (got "${p.value}")`,
  extend_not_later: (p) => `until must be after the current close (${p.current}); to end the round early, close it`,
  extend_into_next_round: (p) =>
    `the series' next round opens ${p.nextOpens} and would close this one; extend to before then`,
  series_has_open_round: (p) => `the series already has an open round (${p.round})`,
  series_unknown: (p) => `no series "${p.id}" (see: pulsen series list)`,
  edit_cuts_open_round: (p) =>
    `the next round would open ${p.opens.day} ${p.opens.time} and close the open round ${p.round} before it ends ` +
    `(${p.ends.day} ${p.ends.time}); choose a later time, or close that round first`,
  series_already: (p) => `series ${p.id} is already ${p.status}`,
  audience_unknown: (p) => `audience: no unit "${p.audience}" (see: pulsen org show)`,
  cadence_invalid: (p) => `cadence: ${p.reason}`,
  open_days_overlap: (p) =>
    `open-days: a round open ${p.openDays} days would overlap the next one (the cadence runs every ${p.everyDays} days)`,
  reminder_day_outside: (p) => `reminders: day ${p.day} is outside the open window (1 to ${p.last})`,
  items_per_round: (p) => `items-per-round: must be 1 to ${p.max} for ${p.instrument}`,
  instrument_unknown: (p) =>
    `no instrument "${p.id}"${p.version === null ? "" : ` version ${p.version}`} (see: pulsen instruments list)`,
  instrument_builtin_id: (p) => `id: "${p.id}" is a built-in instrument; give yours another id`,
  instrument_version_taken: (p) => `version: ${p.id} already has version ${p.latest}; raise version to add a new one`,
  instrument_id_repeated: (p) => `${p.field}: duplicate id "${p.id}"`,
  instrument_same_statement: (p) => `${p.field}: same statement as item "${p.sameAs}"`,
  instrument_id_form: (p) => `${p.field}: must be lowercase kebab-case (a-z, 0-9, -)`,
  instrument_has_errors: (p) => `${p.count} error${s(p.count)} in the instrument`,
  plan_waits_for_close: () => "an action plan follows the results: wait until the round closes",
  plan_unknown: () => "no such plan",
  measure_unknown: () => "no such measure",
  measure_done: () => "the measure is already done",
  measure_not_yours: () => "only the person responsible, the unit's leaders and HR update a measure",
  measure_text_length: (p) => `text must be ${p.min}–${p.max} characters`,
  deadline_not_date: () => "deadline is not a date",
  deadline_past: () => "deadline must be in the future",
  deadline_too_far: () => "deadline must be within two years",
  focus_too_many: (p) => `focus: choose at most ${p.max} areas to ${p.focus}`,
  focus_none: () => "focus: choose at least one focus area",
  focus_has_measures: (p) => `focus: "${p.factor}" has measures; keep it, or move its measures first`,
  measure_needs_focus: (p) => `factorId: "${p.factor}" is not a focus area of this plan`,
  measures_per_area_full: (p) => `factorId: "${p.factor}" already has ${p.max} measures`,
  focus_unknown_factor: (p) => `focus: "${p.factor}" is not a factor of this round`,
  focus_twice: (p) => `focus: "${p.factor}" is chosen twice`,
  responsible_not_active: () => "responsibleId is not an active person in the organization",
  sign_in_first: () => "sign in first",
  link_used_or_expired: () => "this sign-in link is used or expired; ask Pulsen for a new one",
  hr_only: (p) => (p.what === "rounds" ? "running rounds is for HR" : "insights across the organization are for HR"),
  unit_not_yours: () => "this unit is not one you lead, represent or oversee",
  leaders_and_hr_only: (p) =>
    p.what === "channels"
      ? "only the unit's leaders and HR choose where its results go"
      : "only the unit's leaders and HR write its action plan",
  comments_not_yours: () => "comments are for the unit's leaders, its employee representatives and HR",
  comments_hidden: () =>
    "this unit's comments are hidden to protect anonymity: too few who sent the survey could have written them, " +
    "or they would give a smaller group's away",
  unit_unknown: () => "no such unit",
  person_not_in_unit: (p) => `${p.field} is not someone in this unit`,
  slack_channel_invalid: () =>
    "channel must be a Slack channel id such as C0123ABCDE (channel details → About, at the bottom)",
  teams_channel_invalid: () =>
    "channel must be a Teams channel id (19:…@thread.tacv2); open the dashboard as a tab in that channel",
  teams_no_conversation: () =>
    "channel: Pulsen has no Teams connection for you yet; open your chat with Pulsen once, " +
    "or type @Pulsen channel in the channel",
  platform_not_configured: (p) => `body.platform ${p.platform} is not configured on this server`,
  teams_sign_in_off: () => "Teams sign-in needs MICROSOFT_APP_ID",
  teams_token_refused: (p) => `the Teams sign-in token ${TOKEN_WHY[p.why]}${p.code ? ` (${p.code})` : ""}`,
  teams_account_unknown: () => "your Microsoft account is not in the organization file; ask HR",
  demo_picker_only: () =>
    "picking a person is only for the demo, from the machine it runs on; use the sign-in link Pulsen sends you in chat",
  demo_person_unknown: () => "no such person with dashboard access",
  body_unreadable: () => "the request body is not valid JSON",
  field_invalid: (p) => `${p.field} ${en.rule(p.rule)}`,
  rule: (r) => {
    switch (r.rule) {
      case "missing":
        return "is missing";
      case "too_short":
        return r.min <= 1 ? "must not be empty" : `must have at least ${r.min} characters`;
      case "too_long":
        return `must have at most ${r.max} characters`;
      case "too_small":
        return `must be at least ${r.min}`;
      case "too_large":
        return `must be at most ${r.max}`;
      case "too_few":
        return `must have at least ${r.min} item${s(r.min)}`;
      case "too_many":
        return `must have at most ${r.max} item${s(r.max)}`;
      case "format":
        return "has the wrong form";
      case "choice":
        return `must be one of ${list(r.options)}`;
      case "unknown_keys":
        return `has unknown field${s(r.keys.length)}: ${list(r.keys)}`;
      case "invalid":
        return "is invalid";
    }
  },
  line: (n, text) => `line ${n}: ${text}`,
  more: (n) => `… and ${n} more`,
  code: {
    config_invalid: "the server's configuration is invalid",
    input_invalid: "the request is not valid",
    not_found: "not found",
    conflict: "this contradicts how things stand now",
    forbidden: "you may not do this",
    internal: "something went wrong on our side",
  },
};
