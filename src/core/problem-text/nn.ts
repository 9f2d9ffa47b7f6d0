import { calendarDay } from "./day";
import type { ProblemTexts } from "./types";

const list = (xs: readonly string[]) => xs.join(", ");
const day = (iso: string) => calendarDay(iso, "nn-NO");
const SAVE_AS_UTF8 = "I Excel: Lagre som → «CSV UTF-8 (kommadelt)», og last opp den fila.";

/** Nynorsk. */
export const nn: ProblemTexts = {
  file_not_utf8: (p) =>
    `${p.windows1252 ? "Fila ser ut til å vere lagra som Windows-1252 (den vanlege CSV-en til Excel), ikkje UTF-8" : "Fila er ikkje UTF-8-tekst"}. ${SAVE_AS_UTF8}`,
  file_not_csv: (p) => `fila er ikkje gyldig CSV (${p.detail})`,
  file_empty: () => "fila er tom (første linja skal vere overskriftene)",
  file_no_people: () => "fila har overskrifter, men ingen personar",
  file_not_attached: () => "Vel CSV-fila som skal lastast opp.",
  file_has_errors: (p) => `Fila har ${p.count} feil; ingenting vart importert.`,
  columns_missing: (p) => `manglar kolonne(r): ${list(p.columns)}`,
  columns_unknown: (p) => `ukjend(e) kolonne(r): ${list(p.columns)} (venta ${p.expected.join(",")})`,
  columns_repeated: (p) => `kolonne(r) som står to gonger: ${list(p.columns)}`,
  field_count: (p) => `har ${p.got} felt, overskriftslinja har ${p.expected}`,
  column_empty: (p) => `${p.column} er tom`,
  field_too_long: (p) => `${p.column} er lengre enn ${p.max} teikn`,
  unit_part_too_long: (p) => `${p.column} har ein del som er lengre enn ${p.max} teikn`,
  email_invalid: (p) => `e-postadressa «${p.value}» er ikkje gyldig`,
  unit_empty_part: (p) => `${p.column} «${p.value}» har ein tom del mellom «>»`,
  role_unknown: (p) => `rolla «${p.value}» er ukjend (bruk ${list(p.known)})`,
  slack_id_invalid: (p) => `slack_user_id «${p.value}» er ikkje ein Slack-brukar-id (som U012AB3CD)`,
  teams_id_invalid: (p) => `teams_aad_object_id «${p.value}» er ikkje ein GUID`,
  locale_unknown: (p) => `språket «${p.value}» er ukjend (bruk ${list(p.known)}, eller la feltet stå tomt)`,
  time_zone_unknown: (p) => `tidssona «${p.value}» er ikkje eit IANA-namn (som Europe/Oslo)`,
  phone_invalid: (p) => `telefonnummeret «${p.value}» manglar landskode eller er ugyldig (skriv som +4791234567)`,
  channel_unknown: (p) => `kanalen «${p.value}» er ukjend (bruk ${list(p.known)}, eller la feltet stå tomt)`,
  channel_needs: (p) => `kanal ${p.channel} krev ${p.column}`,
  value_repeated: (p) => `${p.column} ${p.value} står to gonger (først på linje ${p.firstLine})`,
  unit_outside_org: (p) => `eininga «${p.unit}» byrjar ikkje med organisasjonen «${p.org}»`,
  leader_of_unknown: (p) => `leader_of «${p.unit}» er ikkje eininga til nokon i fila`,
  no_organization: () => "Det finst ingen organisasjon enno: importer CSV-fila først.",
  round_unknown: () => "Fann ikkje runden.",
  round_not_open: () => "Runden er ikkje open.",
  round_not_opened_yet: () => "Runden har ikkje opna enno.",
  round_already_closed: () => "Runden er alt stengd.",
  round_still_open: (p) =>
    `${p.what === "results" ? "Resultat" : "Kommentarar"} blir viste først når runden er stengd.`,
  reminder_sent_today: (p) => `Ei påminning gjekk ut i dag kl. ${p.at}. Neste kan sendast i morgon.`,
  date_invalid: (p) => `«${p.value}» er ikkje ein dato. Vel ein dato, til dømes ${day(p.example)}.`,
  extend_not_later: (p) =>
    `Vel ein dag etter at runden stengjer no (${day(p.current)}). Vil du avslutte tidlegare, steng runden.`,
  extend_into_next_round: (p) =>
    `Neste runde i serien opnar ${day(p.nextOpens)} og ville stengje denne. ` +
    "Vel ein dag før det, eller set serien på pause først.",
  series_has_open_round: () => "Serien har alt ein open runde. Steng han før du opnar ein ny.",
  series_unknown: () => "Fann ikkje serien.",
  edit_cuts_open_round: (p) =>
    `Neste runde ville opne ${day(p.opens.day)} kl. ${p.opens.time} og stengje den opne runden før han er ferdig ` +
    `(${day(p.ends.day)} kl. ${p.ends.time}). Vel ei seinare tid, eller steng den opne runden først.`,
  series_already: (p) => (p.status === "paused" ? "Serien er alt på pause." : "Serien er alt i gang."),
  audience_unknown: (p) => `Fann inga eining «${p.audience}». Skriv stien slik han står i organisasjonen.`,
  cadence_invalid: (p) => `Tidsplanen kan ikkje brukast (${p.reason}).`,
  open_days_overlap: (p) =>
    `Ein runde som er open i ${p.openDays} dagar, ville overlappe den neste (serien går kvar ${p.everyDays}. dag).`,
  reminder_day_outside: (p) => `Påminning dag ${p.day} er utanfor tida runden er open (dag 1 til ${p.last}).`,
  items_per_round: (p) => `Talet på utsegner per runde må vere frå 1 til ${p.max} for ${p.instrument}.`,
  instrument_unknown: (p) => `Fann ikkje spørjeskjemaet «${p.id}».`,
  instrument_builtin_id: (p) => `«${p.id}» er eit innebygd spørjeskjema. Gi ditt ein annan id.`,
  instrument_version_taken: (p) => `${p.id} har alt versjon ${p.latest}. Auk version for å leggje til ein ny.`,
  instrument_id_repeated: (p) => `${p.field}: id-en «${p.id}» er brukt før`,
  instrument_same_statement: (p) => `${p.field}: same utsegn som «${p.sameAs}»`,
  instrument_id_form: (p) => `${p.field}: bruk berre små bokstavar a–z, tal og bindestrek (som min-puls)`,
  instrument_has_errors: (p) => `Spørjeskjemaet har ${p.count} feil; ingenting vart lagt til.`,
  plan_waits_for_close: () => "Tiltaksplanen blir laga etter resultata: vent til runden er stengd.",
  plan_unknown: () => "Fann ikkje tiltaksplanen.",
  measure_unknown: () => "Fann ikkje tiltaket.",
  measure_done: () => "Tiltaket er alt gjennomført.",
  measure_not_yours: () => "Berre den ansvarlege, leiarane i eininga og HR kan oppdatere eit tiltak.",
  measure_text_length: (p) => `Tiltaket må ha frå ${p.min} til ${p.max} teikn.`,
  deadline_not_date: () => "Fristen er ikkje ein dato.",
  deadline_past: () => "Fristen må vere fram i tid.",
  deadline_too_far: () => "Fristen må vere innan to år.",
  focus_too_many: (p) => `Vel høgst ${p.max} fokusområde å ${p.focus === "preserve" ? "halde på" : "forbetre"}.`,
  focus_none: () => "Vel minst eitt fokusområde.",
  focus_has_measures: () => "Eit fokusområde du tok bort, har tiltak. Behald området, eller flytt tiltaka først.",
  measure_needs_focus: () => "Eit tiltak høyrer til eitt av fokusområda i planen: vel eitt av dei.",
  measures_per_area_full: (p) => `Eit fokusområde kan ha høgst ${p.max} tiltak.`,
  focus_unknown_factor: () => "Eitt av fokusområda er ikkje ein faktor i denne runden.",
  focus_twice: () => "Eit fokusområde er valt to gonger.",
  responsible_not_active: () => "Den ansvarlege må vere ein aktiv person i organisasjonen.",
  sign_in_first: () => "Logg inn først.",
  link_used_or_expired: () => "Denne innloggingslenkja er brukt eller gått ut. Be Pulsen om ei ny.",
  hr_only: (p) =>
    p.what === "rounds" ? "Berre HR kan styre rundar." : "Innsikt på tvers av organisasjonen er berre for HR.",
  unit_not_yours: () => "Du leiar, representerer eller har ikkje oversikt over denne eininga.",
  leaders_and_hr_only: (p) =>
    p.what === "channels"
      ? "Berre leiarane i eininga og HR vel kvar resultata går."
      : "Berre leiarane i eininga og HR skriv tiltaksplanen.",
  comments_not_yours: () => "Kommentarar er for leiarane, tillitsvalde, verneombod og HR i eininga.",
  comments_hidden: () =>
    "Kommentarane i denne eininga er skjulte for å verne anonymiteten: for få svarte, " +
    "eller dei ville røpe ei mindre gruppe.",
  unit_unknown: () => "Fann ikkje eininga.",
  person_not_in_unit: () => "Den ansvarlege må vere ein person i eininga.",
  slack_channel_invalid: () => "Skriv Slack-id-en til kanalen, som C0123ABCDE (Kanaldetaljar → Om, heilt nedst).",
  teams_channel_invalid: () => "Opne dashbordet som ei fane i Teams-kanalen for å velje han.",
  teams_no_conversation: () =>
    "Pulsen har inga Teams-samband til deg enno: opne chatten med Pulsen éin gong, eller skriv @Pulsen kanal i kanalen.",
  platform_not_configured: (p) => `${p.platform} er ikkje sett opp på denne serveren.`,
  teams_sign_in_off: () => "Innlogging med Teams er ikkje sett opp på denne serveren.",
  teams_token_refused: (p) =>
    p.why === "other_tenant"
      ? "Teams-innlogginga er frå ein annan organisasjon enn denne."
      : "Teams-innlogginga vart avvist. Lukk fana og opne ho igjen.",
  teams_account_unknown: () => "Microsoft-kontoen din står ikkje i organisasjonsfila. Be HR leggje deg inn.",
  demo_picker_only: () =>
    "Å velje ein person er berre for demoen, på maskina han køyrer på. Bruk innloggingslenkja Pulsen sender deg.",
  demo_person_unknown: () => "Fann ingen slik person med tilgang til dashbordet.",
  body_unreadable: () => "Førespurnaden kunne ikkje lesast (ikkje gyldig JSON, eller for stor).",
  field_invalid: (p) => `${p.field}: ${nn.rule(p.rule)}`,
  rule: (r) => {
    switch (r.rule) {
      case "missing":
        return "manglar";
      case "too_short":
        return r.min <= 1 ? "kan ikkje vere tom" : `må ha minst ${r.min} teikn`;
      case "too_long":
        return `kan ha høgst ${r.max} teikn`;
      case "too_small":
        return `må vere minst ${r.min}`;
      case "too_large":
        return `kan vere høgst ${r.max}`;
      case "too_few":
        return `må ha minst ${r.min}`;
      case "too_many":
        return `kan ha høgst ${r.max}`;
      case "format":
        return "har feil form";
      case "choice":
        return `må vere ein av ${list(r.options)}`;
      case "unknown_keys":
        return `ukjende felt: ${list(r.keys)}`;
      case "invalid":
        return "er ugyldig";
    }
  },
  line: (n, text) => `linje ${n}: ${text}`,
  more: (n) => `… og ${n} til`,
  code: {
    config_invalid: "Serveren er sett opp feil. Sei frå til den som driftar Pulsen.",
    input_invalid: "Førespurnaden er ikkje gyldig.",
    not_found: "Fann ikkje det du bad om.",
    conflict: "Det stemmer ikkje med korleis ting står no. Last sida på nytt.",
    forbidden: "Du har ikkje tilgang til dette.",
    internal: "Noko gjekk gale hos oss. Prøv igjen om litt.",
  },
};
