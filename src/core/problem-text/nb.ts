import { calendarDay } from "./day";
import type { ProblemTexts } from "./types";

const list = (xs: readonly string[]) => xs.join(", ");
const day = (iso: string) => calendarDay(iso, "nb-NO");
const SAVE_AS_UTF8 = "I Excel: Lagre som → «CSV UTF-8 (kommadelt)», og last opp den filen.";

/** Bokmål. */
export const nb: ProblemTexts = {
  file_not_utf8: (p) =>
    `${p.windows1252 ? "Filen ser ut til å være lagret som Windows-1252 (Excels vanlige CSV), ikke UTF-8" : "Filen er ikke UTF-8-tekst"}. ${SAVE_AS_UTF8}`,
  file_not_csv: (p) => `filen er ikke gyldig CSV (${p.detail})`,
  file_empty: () => "filen er tom (første linje skal være overskriftene)",
  file_no_people: () => "filen har overskrifter, men ingen personer",
  file_not_attached: () => "Velg CSV-filen som skal lastes opp.",
  file_has_errors: (p) => `Filen har ${p.count} feil; ingenting ble importert.`,
  columns_missing: (p) => `mangler kolonne(r): ${list(p.columns)}`,
  columns_unknown: (p) => `ukjent(e) kolonne(r): ${list(p.columns)} (forventet ${p.expected.join(",")})`,
  columns_repeated: (p) => `kolonne(r) som står to ganger: ${list(p.columns)}`,
  field_count: (p) => `har ${p.got} felt, overskriftslinjen har ${p.expected}`,
  column_empty: (p) => `${p.column} er tom`,
  field_too_long: (p) => `${p.column} er lengre enn ${p.max} tegn`,
  unit_part_too_long: (p) => `${p.column} har en del som er lengre enn ${p.max} tegn`,
  email_invalid: (p) => `e-postadressen «${p.value}» er ikke gyldig`,
  unit_empty_part: (p) => `${p.column} «${p.value}» har en tom del mellom «>»`,
  role_unknown: (p) => `rollen «${p.value}» er ukjent (bruk ${list(p.known)})`,
  slack_id_invalid: (p) => `slack_user_id «${p.value}» er ikke en Slack-bruker-id (som U012AB3CD)`,
  teams_id_invalid: (p) => `teams_aad_object_id «${p.value}» er ikke en GUID`,
  locale_unknown: (p) => `språket «${p.value}» er ukjent (bruk ${list(p.known)}, eller la feltet stå tomt)`,
  time_zone_unknown: (p) => `tidssonen «${p.value}» er ikke et IANA-navn (som Europe/Oslo)`,
  phone_invalid: (p) => `telefonnummeret «${p.value}» mangler landskode eller er ugyldig (skriv som +4791234567)`,
  channel_unknown: (p) => `kanalen «${p.value}» er ukjent (bruk ${list(p.known)}, eller la feltet stå tomt)`,
  channel_needs: (p) => `kanal ${p.channel} krever ${p.column}`,
  value_repeated: (p) => `${p.column} ${p.value} står to ganger (først på linje ${p.firstLine})`,
  unit_outside_org: (p) => `enheten «${p.unit}» begynner ikke med organisasjonen «${p.org}»`,
  leader_of_unknown: (p) => `leader_of «${p.unit}» er ikke enheten til noen i filen`,
  no_organization: () => "Det finnes ingen organisasjon ennå: importer CSV-filen først.",
  round_unknown: () => "Fant ikke runden.",
  round_not_open: () => "Runden er ikke åpen.",
  round_not_opened_yet: () => "Runden har ikke åpnet ennå.",
  round_already_closed: () => "Runden er allerede stengt.",
  round_still_open: (p) => `${p.what === "results" ? "Resultater" : "Kommentarer"} vises først når runden er stengt.`,
  reminder_sent_today: (p) => `En påminnelse gikk ut i dag kl. ${p.at}. Neste kan sendes i morgen.`,
  date_invalid: (p) => `«${p.value}» er ikke en dato. Velg en dato, for eksempel ${day(p.example)}.`,
  extend_not_later: (p) =>
    `Velg en dag etter at runden stenger nå (${day(p.current)}). Vil du avslutte tidligere, steng runden.`,
  extend_into_next_round: (p) =>
    `Seriens neste runde åpner ${day(p.nextOpens)} og ville stenge denne. ` +
    "Velg en dag før det, eller sett serien på pause først.",
  series_has_open_round: () => "Serien har allerede en åpen runde. Steng den før du åpner en ny.",
  series_unknown: () => "Fant ikke serien.",
  edit_cuts_open_round: (p) =>
    `Neste runde ville åpne ${day(p.opens.day)} kl. ${p.opens.time} og stenge den åpne runden før den er ferdig ` +
    `(${day(p.ends.day)} kl. ${p.ends.time}). Velg en senere tid, eller steng den åpne runden først.`,
  series_already: (p) => (p.status === "paused" ? "Serien er allerede på pause." : "Serien er allerede i gang."),
  audience_unknown: (p) => `Fant ingen enhet «${p.audience}». Skriv stien slik den står i organisasjonen.`,
  cadence_invalid: (p) => `Tidsplanen kan ikke brukes (${p.reason}).`,
  open_days_overlap: (p) =>
    `En runde som er åpen i ${p.openDays} dager, ville overlappe den neste (serien går hver ${p.everyDays}. dag).`,
  reminder_day_outside: (p) => `Påminnelse dag ${p.day} er utenfor tiden runden er åpen (dag 1 til ${p.last}).`,
  items_per_round: (p) => `Antall utsagn per runde må være fra 1 til ${p.max} for ${p.instrument}.`,
  instrument_unknown: (p) => `Fant ikke spørreskjemaet «${p.id}».`,
  instrument_builtin_id: (p) => `«${p.id}» er et innebygd spørreskjema. Gi ditt en annen id.`,
  instrument_version_taken: (p) => `${p.id} har allerede versjon ${p.latest}. Øk version for å legge til en ny.`,
  instrument_id_repeated: (p) => `${p.field}: id-en «${p.id}» er brukt før`,
  instrument_same_statement: (p) => `${p.field}: samme utsagn som «${p.sameAs}»`,
  instrument_id_form: (p) => `${p.field}: bruk bare små bokstaver a–z, tall og bindestrek (som min-puls)`,
  instrument_has_errors: (p) => `Spørreskjemaet har ${p.count} feil; ingenting ble lagt til.`,
  plan_waits_for_close: () => "Tiltaksplanen lages etter resultatene: vent til runden er stengt.",
  plan_unknown: () => "Fant ikke tiltaksplanen.",
  measure_unknown: () => "Fant ikke tiltaket.",
  measure_done: () => "Tiltaket er allerede gjennomført.",
  measure_not_yours: () => "Bare den ansvarlige, enhetens ledere og HR kan oppdatere et tiltak.",
  measure_text_length: (p) => `Tiltaket må ha fra ${p.min} til ${p.max} tegn.`,
  deadline_not_date: () => "Fristen er ikke en dato.",
  deadline_past: () => "Fristen må være fram i tid.",
  deadline_too_far: () => "Fristen må være innen to år.",
  focus_too_many: (p) => `Velg høyst ${p.max} fokusområder å ${p.focus === "preserve" ? "bevare" : "forbedre"}.`,
  focus_none: () => "Velg minst ett fokusområde.",
  focus_has_measures: () => "Et fokusområde du tok bort, har tiltak. Behold området, eller flytt tiltakene først.",
  measure_needs_focus: () => "Et tiltak hører til et av planens fokusområder: velg et av dem.",
  measures_per_area_full: (p) => `Et fokusområde kan ha høyst ${p.max} tiltak.`,
  focus_unknown_factor: () => "Et av fokusområdene er ikke en faktor i denne runden.",
  focus_twice: () => "Et fokusområde er valgt to ganger.",
  responsible_not_active: () => "Den ansvarlige må være en aktiv person i organisasjonen.",
  sign_in_first: () => "Logg inn først.",
  link_used_or_expired: () => "Denne innloggingslenken er brukt eller utløpt. Be Pulsen om en ny.",
  hr_only: (p) =>
    p.what === "rounds" ? "Bare HR kan styre runder." : "Innsikt på tvers av organisasjonen er bare for HR.",
  unit_not_yours: () => "Du leder, representerer eller har ikke oversikt over denne enheten.",
  leaders_and_hr_only: (p) =>
    p.what === "channels"
      ? "Bare enhetens ledere og HR velger hvor resultatene går."
      : "Bare enhetens ledere og HR skriver tiltaksplanen.",
  comments_not_yours: () => "Kommentarer er for enhetens ledere, tillitsvalgte, verneombud og HR.",
  comments_hidden: () =>
    "Kommentarene i denne enheten er skjult for å verne anonymiteten: for få svarte, " +
    "eller de ville røpe en mindre gruppe.",
  unit_unknown: () => "Fant ikke enheten.",
  person_not_in_unit: () => "Den ansvarlige må være en person i enheten.",
  slack_channel_invalid: () => "Skriv kanalens Slack-id, som C0123ABCDE (Kanaldetaljer → Om, helt nederst).",
  teams_channel_invalid: () => "Åpne dashbordet som en fane i Teams-kanalen for å velge den.",
  teams_no_conversation: () =>
    "Pulsen har ingen Teams-forbindelse til deg ennå: åpne chatten med Pulsen én gang, eller skriv @Pulsen kanal i kanalen.",
  platform_not_configured: (p) => `${p.platform} er ikke satt opp på denne serveren.`,
  teams_sign_in_off: () => "Innlogging med Teams er ikke satt opp på denne serveren.",
  teams_token_refused: (p) =>
    p.why === "other_tenant"
      ? "Teams-innloggingen er fra en annen organisasjon enn denne."
      : "Teams-innloggingen ble avvist. Lukk fanen og åpne den igjen.",
  teams_account_unknown: () => "Microsoft-kontoen din står ikke i organisasjonsfilen. Be HR legge deg inn.",
  demo_picker_only: () =>
    "Å velge en person er bare for demoen, på maskinen den kjører på. Bruk innloggingslenken Pulsen sender deg.",
  demo_person_unknown: () => "Fant ingen slik person med tilgang til dashbordet.",
  body_unreadable: () => "Forespørselen kunne ikke leses (ikke gyldig JSON, eller for stor).",
  field_invalid: (p) => `${p.field}: ${nb.rule(p.rule)}`,
  rule: (r) => {
    switch (r.rule) {
      case "missing":
        return "mangler";
      case "too_short":
        return r.min <= 1 ? "kan ikke være tom" : `må ha minst ${r.min} tegn`;
      case "too_long":
        return `kan ha høyst ${r.max} tegn`;
      case "too_small":
        return `må være minst ${r.min}`;
      case "too_large":
        return `kan være høyst ${r.max}`;
      case "too_few":
        return `må ha minst ${r.min}`;
      case "too_many":
        return `kan ha høyst ${r.max}`;
      case "format":
        return "har feil form";
      case "choice":
        return `må være en av ${list(r.options)}`;
      case "unknown_keys":
        return `ukjente felt: ${list(r.keys)}`;
      case "invalid":
        return "er ugyldig";
    }
  },
  line: (n, text) => `linje ${n}: ${text}`,
  more: (n) => `… og ${n} til`,
  code: {
    config_invalid: "Serveren er satt opp feil. Si fra til den som drifter Pulsen.",
    input_invalid: "Forespørselen er ikke gyldig.",
    not_found: "Fant ikke det du ba om.",
    conflict: "Det stemmer ikke med hvordan ting står nå. Last siden på nytt.",
    forbidden: "Du har ikke tilgang til dette.",
    internal: "Noe gikk galt hos oss. Prøv igjen om litt.",
  },
};
