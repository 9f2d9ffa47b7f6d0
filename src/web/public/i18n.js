// @ts-check
// The dashboard's words in the organization's three languages. Kept apart
// from the bot's catalogue: these are screen labels, not chat messages.
/** @typedef {import("../api-types").MeasureStatus} MeasureStatus */
/** @typedef {import("../api-types").Segment} Segment */
import { visualTexts } from "./i18n-visuals.js";

const nb = {
  title: "Pulsen – oversikt",
  signInTitle: "Logg inn på oversikten",
  signInHelp:
    "Oversikten er for HR, ledere, tillitsvalgte og verneombud. Skriv «dashboard» til Pulsen i Slack eller Teams for å få en innloggingslenke, eller be HR om en.",
  signInExpired: "Lenken er brukt eller utløpt. Be Pulsen om en ny.",
  demoPick: "Demo: velg hvem du vil se oversikten som",
  signOut: "Logg ut",
  noAccess:
    "Oversikten viser resultater for enheter du leder, er tillitsvalgt eller verneombud for, eller for hele virksomheten hvis du er HR. Du har ingen slike enheter.",
  rounds: "Runde",
  noRounds: "Ingen runder er åpnet ennå.",
  open: "åpen",
  closed: "stengt",
  /** @param {string} d a formatted time */
  closes: (d) => `stenger ${d}`,
  /** @param {string} d a formatted time */
  closedOn: (d) => `stengt ${d}`,
  liveTitle: "Svar så langt",
  liveNote:
    "Mens runden er åpen vises bare antall og svarprosent – aldri hvem som har svart. Resultatene kommer når runden stenger.",
  unit: "Enhet",
  answered: "Svart",
  invited: "Invitert",
  rate: "Svarprosent",
  responses: "Svar",
  heatmapTitle: "Resultater per enhet",
  /** @param {number} k the anonymity threshold */
  heatmapNote: (k) =>
    `Tallene er faktorskår 0–100. Enheter med færre enn ${k} svar – eller som kunne avsløre en slik enhet – vises ikke.`,
  hiddenBelow: "Skjult: for få svar",
  hiddenComplementary: "Skjult for å beskytte en mindre enhet",
  hiddenShort: "skjult",
  hiddenFew: "For få svarte på akkurat dette til at det kan vises",
  meanSd: "Snitt ± standardavvik",
  /** @param {string} u */
  countedIn: (u) => `For få til å vises alene – telles med i ${u}`,
  /** @param {string} u @param {number} a @param {number} i @param {string} p */
  countedInFigure: (u, a, i, p) => `For få til å vises alene – telles med i ${u}: ${a} av ${i} har svart (${p})`,
  trendGroupChanged:
    "Endringen vises ikke: gruppen har fått eller mistet for få personer siden forrige runde til at den kan vises anonymt.",
  trendHiddenThen: "Endringen vises ikke: tallet fra forrige runde var skjult.",
  /** @param {number} x @param {number} places */
  decimal: (x, places) => numberIn("nb", x, places),
  showUnit: "Vis detaljer",
  factor: "Faktor",
  mean: "Snitt",
  score: "Skår",
  favorable: "Enig",
  trend: "Endring",
  noTrend: "–",
  strengths: "Styrker",
  improvements: "Forbedringsområder",
  statements: "Påstander",
  reversed: "(snudd)",
  comments: "Kommentarer",
  showComments: "Vis kommentarer",
  noComments: "Ingen kommentarer.",
  commentsNote: "Kommentarene vises i tilfeldig rekkefølge og uten tidspunkt.",
  scale: ["Svært uenig", "Delvis uenig", "Hverken enig eller uenig", "Delvis enig", "Svært enig"],
  channelsTitle: "Hvor resultatene sendes",
  channelsNote:
    "Når en runde stenger, sender Pulsen enhetens oppsummering til denne kanalen. Uten kanal går den til lederen på direktemelding.",
  channelNone: "ingen kanal – direktemelding til leder",
  channelId: "Kanal-ID",
  save: "Lagre",
  saved: "Lagret.",
  /** @param {string} u */
  useThisChannel: (u) => `Send resultatene for ${u} til denne kanalen`,
  /** @param {number} a @param {number} b */
  of: (a, b) => `${a} av ${b}`,
  error: "Noe gikk galt",
  loading: "Henter …",
  configureTitle: "Pulsen i denne kanalen",
  configureHelp:
    "Fanen viser oversikten for enhetene dine. Ledere kan også velge at enhetens resultater skal sendes hit.",
  planTitle: "Tiltaksplan",
  planNone: "Ingen tiltaksplan ennå.",
  planIntro:
    "Velg inntil to områder å bevare og to å forbedre, og tiltak med ansvarlig og frist. Pulsen minner den ansvarlige på fristen og spør hvordan det gikk.",
  /** @param {number} d @param {number} t @param {number} o */
  planProgress: (d, t, o) => `${d} av ${t} tiltak gjennomført${o > 0 ? `, ${o} over fristen` : ""}`,
  focusAreas: "Fokusområder",
  focusNone: "–",
  preserve: "Bevare",
  improve: "Forbedre",
  saveFocus: "Lagre fokusområder",
  measure: "Tiltak",
  area: "Område",
  responsible: "Ansvarlig",
  deadline: "Frist",
  status: "Status",
  /** @type {Record<MeasureStatus, string>} */
  statuses: { not_started: "Ikke startet", in_progress: "Påbegynt", done: "Gjennomført" },
  addMeasure: "Legg til tiltak",
  noArea: "(ingen bestemt)",
  exportCsv: "Last ned CSV",
  print: "Utskriftsvennlig",
  hiddenDetail:
    "Resultatene for denne enheten vises ikke, for å bevare anonymiteten. Dere kan likevel lage en tiltaksplan.",
  followUpTitle: "Siden forrige tiltaksplan",
  insightsTitle: "Innsikt for HR",
  segmentsTitle: "Ledelse og engasjement",
  segmentsNote: "Enhetene plassert etter ledelses- og engasjementsskår sammenlignet med virksomheten.",
  segment: "Gruppe",
  /** @type {Record<Segment, string>} */
  segments: {
    enthusiasts: "Entusiastene",
    strivers: "Streberne",
    laggards: "Etternølerne",
    backbenchers: "Bakspillerne",
  },
  driversTitle: "Hva henger sammen med engasjement",
  driversNote:
    "Korrelasjon med engasjementsindeksen på tvers av svarene i hele virksomheten. Høy korrelasjon og lav skår (uthevet) er der innsats trolig betyr mest.",
  driversTooFew: (/** @type {number} */ n) => `Driveranalysen trenger minst ${n} svar i virksomheten.`,
  driversNoEngagement: "Runden spurte ikke om engasjement, så driveranalysen mangler.",
  notAvailable: "Ikke tilgjengelig for denne runden.",
  correlation: "Korrelasjon",
  plansTitle: "Tiltaksplaner",
  /** @param {string} a @param {number} b @param {number} s @param {number} w @param {number} n */
  followUpLine: (a, b, s, w, n) => `${a}: ${b} % bedre · ${s} % som før · ${w} % dårligere (${n} svar)`,
  reachedTitle: "Nådd per kanal",
  reachedNone: "Ingen invitasjoner er sendt ennå.",
  unreachableTitle: "Kan ikke nås",
  unreachableNone: "Alle inviterte kunne nås.",
  /** @type {Record<string, string>} why someone cannot be reached, by what fixes it */
  causes: {
    set_up_channel: "kanalen personen har i organisasjonsfilen, er ikke satt opp på serveren",
    check_address: "e-postadressen eller telefonnummeret ble avvist",
    add_chat_id: "ingen Slack- eller Teams-konto i organisasjonsfilen",
    install_teams: "Pulsen er ikke installert for personen i Teams",
    slack_account: "Slack fant ingen konto med e-postadressen",
    check_account: "plattformen avviste meldingen",
  },
  /** @type {Record<string, string>} */
  fixes: {
    set_up_channel: "Sett opp e-post (SMTP_URL) eller SMS på serveren, eller tøm kolonnen channel for personen.",
    check_address: "Rett e-postadressen eller telefonnummeret i CSV-filen og importer den på nytt.",
    add_chat_id: "Legg inn slack_user_id eller teams_aad_object_id i CSV-filen og importer den på nytt.",
    install_teams: "Installer Pulsen for personen i Teams, eller bruk en oppsettpolicy i Teams admin.",
    slack_account: "E-postadressen har ingen Slack-konto: legg inn slack_user_id i CSV-filen.",
    check_account: "Sjekk kontoen på plattformen; runden prøver ikke igjen av seg selv.",
  },
  instrumentsTitle: "Spørreskjemaer",
  /** @param {number} f @param {number} n */
  instrumentSize: (f, n) => `${f} faktorer, ${n} utsagn`,
  preview: "Forhåndsvis",
  custom: "eget",
  instrumentFile: "Legg til eget skjema (JSON-fil)",
  instrumentNotJson: "Filen er ikke gyldig JSON. Lagre spørreskjemaet som en .json-fil og prøv igjen.",
  instrumentAdd: "Legg til",
  /** @param {string} id @param {number} v */
  instrumentAdded: (id, v) => `La til ${id} versjon ${v}.`,
  seriesNew: "Ny serie",
  seriesName: "Navn",
  seriesInstrument: "Spørreskjema",
  seriesAudience: "Hvem (en enhet, f.eks. «Org > A», eller all)",
  seriesEvery: "Hvor ofte",
  everyWeek: "hver uke",
  everyMonth: "første gang i måneden",
  seriesWeekday: "Dag",
  weekdays: ["mandag", "tirsdag", "onsdag", "torsdag", "fredag", "lørdag", "søndag"],
  seriesTime: "Klokkeslett",
  seriesOpenDays: "Åpen antall dager",
  seriesReminders: "Påminnelser etter dager (f.eks. 2,4)",
  seriesCreate: "Opprett serien",
  /** @param {string[]} next */
  seriesCreated: (next) => `Serien er opprettet. Neste runder: ${next.join(" · ")}`,
  everyone: "alle",
  seriesTitle: "Serier",
  seriesNone: "Ingen serier ennå (pulsen series create …).",
  seriesNext: "Neste runder",
  seriesPaused: "på pause",
  seriesOpen: "har en åpen runde",
  seriesEdit: "Endre",
  /** @param {string} name */
  seriesEditTitle: (name) => `Endre «${name}»`,
  seriesEditNote: "Endringene gjelder fra neste runde. En runde som er åpen nå, beholder innstillingene sine.",
  seriesScheduleUnknown:
    "Tidsplanen til denne serien ble laget på kommandolinjen og kan ikke vises i skjemaet (neste runder står over). " +
    "Lagrer du, erstattes den av dagen og klokkeslettet du velger her.",
  seriesSave: "Lagre endringene",
  cancel: "Avbryt",
  /** @param {string[]} next */
  seriesEdited: (next) => `Endringene er lagret og gjelder fra neste runde. Neste runder: ${next.join(" · ")}`,
  seriesEditedPaused: "Endringene er lagret. Serien står på pause og åpner ingen runder før du starter den igjen.",
  pause: "Sett på pause",
  resume: "Start igjen",
  openRound: "Åpne en runde nå …",
  openPreviewTitle: "Før runden åpnes",
  /** @param {number} n */
  audienceN: (n) => `${n} blir invitert.`,
  /** @type {Record<string, string>} */
  platformNames: {
    slack: "Slack",
    teams: "Microsoft Teams",
    webchat: "Nettchat (demo)",
    email: "E-post med personlig lenke",
    sms: "SMS med personlig lenke",
  },
  /** @param {string} p @param {number} n */
  reachLine: (p, n) => `${p}: ${n}`,
  /** @param {number} n */
  byEmail: (n) => `(${n} av dem finnes i Slack via e-postadressen når invitasjonen sendes)`,
  /** @param {string} r @param {number} n */
  unreachableLine: (r, n) => `${n} kan ikke nås: ${r}`,
  firstMessage: "Den første meldingen, slik de ansatte ser den:",
  openConfirm: "Åpne runden",
  orgTitle: "Organisasjonen",
  orgFile: "CSV-fil (komma eller semikolon, UTF-8)",
  orgCheck: "Sjekk filen",
  orgImport: "Importer",
  orgExport: "Last ned som CSV",
  /** @param {number} a @param {number} c @param {number} l @param {number} u */
  orgPlan: (a, c, l, u) => `${a} nye, ${c} endret, ${l} slutter, ${u} nye enheter.`,
  orgDryRun: "Ingenting er skrevet ennå. Se over og trykk Importer.",
  orgDone: "Importert.",
  orgBadLines: "Filen ble ikke importert. Rett disse linjene og prøv igjen:",
  controlsTitle: "Styr runden",
  remindNow: "Send påminnelse nå",
  remindHelp: "Bare til dem som ikke har svart, og høyst én gang om dagen.",
  /** @param {number} n */
  reminded: (n) => `${n} påminnelser er lagt i kø. De sendes i hver persons sendetid.`,
  remindedHidden: "Påminnelsene er lagt i kø. (Antallet vises ikke: færre enn grensen for anonymitet er invitert.)",
  extendTo: "Ny siste dag",
  extend: "Forleng",
  /** @param {string} d */
  extended: (d) => `Runden stenger nå ${d}.`,
  closeNow: "Steng nå",
  closeConfirm: "Stenge runden nå? Svar etterpå blir ikke tatt imot.",
  closedNow: "Runden er stengt. Resultatene kommer om et øyeblikk.",
  auditTitle: "Logg over HR-handlinger",
  auditNone: "Ingen HR-handlinger er logget ennå.",
  auditWhen: "Når",
  auditWho: "Hvem",
  auditWhat: "Hva",
  auditDetails: "Detaljer",
  auditCli: "kommandolinjen",
  auditScheduler: "planleggeren",
  auditForgotten: "(slettet person)",
  /** @type {Record<string, string>} */
  auditActions: {
    "org.import": "Importerte organisasjonen",
    "series.create": "Opprettet en serie",
    "series.edit": "Endret en serie",
    "series.pause": "Satte en serie på pause",
    "series.resume": "Startet en serie igjen",
    "round.open": "Åpnet en runde",
    "round.close": "Stengte en runde",
    "round.remind": "Sendte påminnelse",
    "round.extend": "Forlenget en runde",
    "person.forget": "Slettet en person",
    backup: "Tok sikkerhetskopi",
  },
  // Resultater etter bakgrunnsvariabel (attributes.js)
  attrTitle: "Resultater etter bakgrunn",
  attrNote: (/** @type {number} */ k) =>
    `Hele virksomheten, aldri per enhet. Tallene for en verdi vises bare med minst ${k} svar, og ingen skjult verdi kan regnes ut fra de andre.`,
  attrChoose: "Bakgrunnsvariabel",
  attrNone: "Organisasjonsfila hadde ingen bakgrunnsvariabler (attr:-kolonner) da runden åpnet.",
  attrValue: "Verdi",
  attrInvited: "Invitert",
  attrResponses: "Svar",
  attrRate: "Svarprosent",
  attrHiddenFew: "Vises ikke: for få svar",
  attrHiddenComplementary: "Vises ikke: de andre tallene ville avslørt en mindre gruppe",
  attrHiddenShort: "skjult",
  attrDeleted: "Svarene er slettet etter lagringstiden; bare svarprosentene er igjen.",
  // The results' pictures (trend, comparison, hidden unit, insight charts).
  ...visualTexts.nb,
  // Action plans: 2 + 2 focus areas, HR's overview, the appreciative answers, the action report.
  focusHint: "Inntil to områder å bevare og to å forbedre.",
  suggestedPreserve: "styrke",
  suggestedImprove: "forbedringsområde",
  measureNeedsFocus: "Lagre fokusområder først: hvert tiltak hører til ett av dem, inntil tre per område.",
  hrPlansTitle: "Tiltaksplaner i virksomheten",
  /** @param {number} p @param {number} u */
  hrPlansSummary: (p, u) => `${p} av ${u} enheter har en tiltaksplan`,
  measuresTotal: "Tiltak",
  measuresOverdue: "Over fristen",
  appreciativeTitle: "Hva har blitt bedre, og hva fikk det til?",
  /** @param {number} n */
  appreciativeCount: (n) => `${n} svar`,
  appreciativeHidden: "Svarene vises når nok har svart til at ingen kan kjennes igjen.",
  // access (#18 items 6–7): the language switch, exports, skip link, footer.
  language: "Språk",
  skipToContent: "Hopp til innholdet",
  statementLink: "Tilgjengelighetserklæring",
  resultsExports: "Eksport",
  resultsCsv: "Last ned resultatene (CSV for Excel)",
  resultsPrint: "Utskrift / PDF",
  /** @param {string} what */
  scrollTable: (what) => `${what} (ruller sidelengs)`,
  newDeadline: "Ny frist",
};

/** @type {Texts} */
const nn = {
  ...nb,
  title: "Pulsen – oversikt",
  signInTitle: "Logg inn på oversikta",
  signInHelp:
    "Oversikta er for HR, leiarar, tillitsvalde og verneombod. Skriv «dashboard» til Pulsen i Slack eller Teams for å få ei innloggingslenkje, eller be HR om ei.",
  signInExpired: "Lenkja er brukt eller gått ut. Be Pulsen om ei ny.",
  demoPick: "Demo: vel kven du vil sjå oversikta som",
  noAccess:
    "Oversikta viser resultat for einingar du leier, er tillitsvald eller verneombod for, eller for heile verksemda om du er HR. Du har ingen slike einingar.",
  noRounds: "Ingen rundar er opna enno.",
  open: "open",
  closes: (d) => `stengjer ${d}`,
  liveTitle: "Svar så langt",
  liveNote:
    "Medan runden er open, viser vi berre tal og svarprosent – aldri kven som har svart. Resultata kjem når runden stengjer.",
  unit: "Eining",
  heatmapTitle: "Resultat per eining",
  heatmapNote: (k) =>
    `Tala er faktorskår 0–100. Einingar med færre enn ${k} svar – eller som kunne avsløre ei slik eining – blir ikkje viste.`,
  hiddenBelow: "Skjult: for få svar",
  hiddenComplementary: "Skjult for å verne ei mindre eining",
  hiddenShort: "skjult",
  hiddenFew: "For få svarte på akkurat dette til at det kan visast",
  meanSd: "Snitt ± standardavvik",
  countedIn: (u) => `For få til å visast åleine – vert talt med i ${u}`,
  countedInFigure: (u, a, i, p) => `For få til å visast åleine – vert talt med i ${u}: ${a} av ${i} har svart (${p})`,
  trendGroupChanged:
    "Endringa vert ikkje vist: gruppa har fått eller mista for få personar sidan førre runde til at ho kan visast anonymt.",
  trendHiddenThen: "Endringa vert ikkje vist: talet frå førre runde var skjult.",
  decimal: (x, places) => numberIn("nn", x, places),
  showUnit: "Vis detaljar",
  favorable: "Einig",
  strengths: "Styrkar",
  improvements: "Forbetringsområde",
  statements: "Påstandar",
  reversed: "(snudd)",
  comments: "Kommentarar",
  showComments: "Vis kommentarar",
  noComments: "Ingen kommentarar.",
  commentsNote: "Kommentarane blir viste i tilfeldig rekkjefølgje og utan tidspunkt.",
  scale: ["Svært usamd", "Delvis usamd", "Verken samd eller usamd", "Delvis samd", "Svært samd"],
  channelsTitle: "Kvar resultata blir sende",
  channelsNote:
    "Når ein runde stengjer, sender Pulsen samandraget for eininga til denne kanalen. Utan kanal går det til leiaren på direktemelding.",
  channelNone: "ingen kanal – direktemelding til leiar",
  channelId: "Kanal-ID",
  saved: "Lagra.",
  useThisChannel: (u) => `Send resultata for ${u} til denne kanalen`,
  error: "Noko gjekk gale",
  loading: "Hentar …",
  configureHelp:
    "Fana viser oversikta for einingane dine. Leiarar kan òg velje at resultata for eininga skal sendast hit.",
  planNone: "Ingen tiltaksplan enno.",
  planIntro:
    "Vel inntil to område å halde på og to å forbetre, og tiltak med ansvarleg og frist. Pulsen minner den ansvarlege på fristen og spør korleis det gjekk.",
  planProgress: (d, t, o) => `${d} av ${t} tiltak gjennomførte${o > 0 ? `, ${o} over fristen` : ""}`,
  focusAreas: "Fokusområde",
  preserve: "Halde på",
  improve: "Forbetre",
  saveFocus: "Lagre fokusområde",
  responsible: "Ansvarleg",
  statuses: { not_started: "Ikkje starta", in_progress: "Påbyrja", done: "Gjennomført" },
  addMeasure: "Legg til tiltak",
  noArea: "(inga bestemt)",
  exportCsv: "Last ned CSV",
  print: "Utskriftsvenleg",
  hiddenDetail:
    "Resultata for denne eininga blir ikkje viste, for å verne anonymiteten. De kan likevel lage ein tiltaksplan.",
  followUpTitle: "Sidan førre tiltaksplan",
  insightsTitle: "Innsikt for HR",
  segmentsTitle: "Leiing og engasjement",
  segmentsNote: "Einingane plasserte etter skår for leiing og engasjement samanlikna med verksemda.",
  segment: "Gruppe",
  segments: {
    enthusiasts: "Entusiastane",
    strivers: "Strebarane",
    laggards: "Etternølarane",
    backbenchers: "Bakspelarane",
  },
  driversTitle: "Kva heng saman med engasjement",
  driversNote:
    "Korrelasjon med engasjementsindeksen på tvers av svara i heile verksemda. Høg korrelasjon og låg skår (utheva) er der innsats truleg betyr mest.",
  driversTooFew: (n) => `Driveranalysen treng minst ${n} svar i verksemda.`,
  driversNoEngagement: "Runden spurde ikkje om engasjement, så driveranalysen manglar.",
  notAvailable: "Ikkje tilgjengeleg for denne runden.",
  correlation: "Korrelasjon",
  plansTitle: "Tiltaksplanar",
  followUpLine: (a, b, s, w, n) => `${a}: ${b} % betre · ${s} % som før · ${w} % dårlegare (${n} svar)`,
  reachedTitle: "Nådd per kanal",
  reachedNone: "Ingen invitasjonar er sende enno.",
  unreachableTitle: "Kan ikkje nåast",
  unreachableNone: "Alle inviterte kunne nåast.",
  /** @type {Record<string, string>} */
  causes: {
    set_up_channel: "kanalen personen har i organisasjonsfila, er ikkje sett opp på serveren",
    check_address: "e-postadressa eller telefonnummeret vart avvist",
    add_chat_id: "ingen Slack- eller Teams-konto i organisasjonsfila",
    install_teams: "Pulsen er ikkje installert for personen i Teams",
    slack_account: "Slack fann ingen konto med e-postadressa",
    check_account: "plattforma avviste meldinga",
  },
  fixes: {
    set_up_channel: "Set opp e-post (SMTP_URL) eller SMS på serveren, eller tøm kolonnen channel for personen.",
    check_address: "Rett e-postadressa eller telefonnummeret i CSV-fila og importer ho på nytt.",
    add_chat_id: "Legg inn slack_user_id eller teams_aad_object_id i CSV-fila og importer ho på nytt.",
    install_teams: "Installer Pulsen for personen i Teams, eller bruk ein oppsettpolicy i Teams admin.",
    slack_account: "E-postadressa har ingen Slack-konto: legg inn slack_user_id i CSV-fila.",
    check_account: "Sjekk kontoen på plattforma; runden prøver ikkje igjen av seg sjølv.",
  },
  instrumentsTitle: "Spørjeskjema",
  instrumentSize: (f, n) => `${f} faktorar, ${n} utsegner`,
  preview: "Førehandsvis",
  custom: "eige",
  instrumentFile: "Legg til eige skjema (JSON-fil)",
  instrumentNotJson: "Fila er ikkje gyldig JSON. Lagre spørjeskjemaet som ei .json-fil og prøv igjen.",
  instrumentAdd: "Legg til",
  instrumentAdded: (id, v) => `La til ${id} versjon ${v}.`,
  seriesNew: "Ny serie",
  seriesName: "Namn",
  seriesInstrument: "Spørjeskjema",
  seriesAudience: "Kven (ei eining, t.d. «Org > A», eller all)",
  seriesEvery: "Kor ofte",
  everyWeek: "kvar veke",
  everyMonth: "første gong i månaden",
  seriesWeekday: "Dag",
  weekdays: ["måndag", "tysdag", "onsdag", "torsdag", "fredag", "laurdag", "sundag"],
  seriesTime: "Klokkeslett",
  seriesOpenDays: "Open tal dagar",
  seriesReminders: "Påminningar etter dagar (t.d. 2,4)",
  seriesCreate: "Opprett serien",
  seriesCreated: (next) => `Serien er oppretta. Neste rundar: ${next.join(" · ")}`,
  everyone: "alle",
  seriesTitle: "Seriar",
  seriesNone: "Ingen seriar enno (pulsen series create …).",
  seriesNext: "Neste rundar",
  seriesPaused: "på pause",
  seriesOpen: "har ein open runde",
  seriesEdit: "Endre",
  seriesEditTitle: (name) => `Endre «${name}»`,
  seriesEditNote: "Endringane gjeld frå neste runde. Ein runde som er open no, held på innstillingane sine.",
  seriesScheduleUnknown:
    "Tidsplanen til denne serien vart laga på kommandolinja og kan ikkje visast i skjemaet " +
    "(neste rundar står over). Lagrar du, blir han erstatta av dagen og klokkeslettet du vel her.",
  seriesSave: "Lagre endringane",
  cancel: "Avbryt",
  seriesEdited: (next) => `Endringane er lagra og gjeld frå neste runde. Neste rundar: ${next.join(" · ")}`,
  seriesEditedPaused: "Endringane er lagra. Serien står på pause og opnar ingen rundar før du startar han igjen.",
  pause: "Set på pause",
  resume: "Start igjen",
  openRound: "Opne ein runde no …",
  openPreviewTitle: "Før runden blir opna",
  audienceN: (n) => `${n} blir inviterte.`,
  /** @type {Record<string, string>} */
  platformNames: {
    slack: "Slack",
    teams: "Microsoft Teams",
    webchat: "Nettchat (demo)",
    email: "E-post med personleg lenkje",
    sms: "SMS med personleg lenkje",
  },
  reachLine: (p, n) => `${p}: ${n}`,
  byEmail: (n) => `(${n} av dei blir funne i Slack via e-postadressa når invitasjonen blir send)`,
  unreachableLine: (r, n) => `${n} kan ikkje nåast: ${r}`,
  firstMessage: "Den første meldinga, slik dei tilsette ser ho:",
  openConfirm: "Opne runden",
  orgTitle: "Organisasjonen",
  orgFile: "CSV-fil (komma eller semikolon, UTF-8)",
  orgCheck: "Sjekk fila",
  orgImport: "Importer",
  orgExport: "Last ned som CSV",
  orgPlan: (a, c, l, u) => `${a} nye, ${c} endra, ${l} sluttar, ${u} nye einingar.`,
  orgDryRun: "Ingenting er skrive enno. Sjå over og trykk Importer.",
  orgDone: "Importert.",
  orgBadLines: "Fila vart ikkje importert. Rett desse linjene og prøv igjen:",
  controlsTitle: "Styr runden",
  remindNow: "Send påminning no",
  remindHelp: "Berre til dei som ikkje har svart, og høgst éin gong om dagen.",
  reminded: (n) => `${n} påminningar er lagde i kø. Dei blir sende i sendetida til kvar person.`,
  remindedHidden: "Påminningane er lagde i kø. (Talet blir ikkje vist: færre enn grensa for anonymitet er inviterte.)",
  extendTo: "Ny siste dag",
  extend: "Forleng",
  extended: (d) => `Runden stengjer no ${d}.`,
  closeNow: "Steng no",
  closeConfirm: "Stengje runden no? Svar etterpå blir ikkje tekne imot.",
  closedNow: "Runden er stengd. Resultata kjem om eit augneblink.",
  auditTitle: "Logg over HR-handlingar",
  auditNone: "Ingen HR-handlingar er logga enno.",
  auditWhen: "Når",
  auditWho: "Kven",
  auditWhat: "Kva",
  auditDetails: "Detaljar",
  auditCli: "kommandolinja",
  auditScheduler: "planleggaren",
  auditForgotten: "(sletta person)",
  auditActions: {
    "org.import": "Importerte organisasjonen",
    "series.create": "Oppretta ein serie",
    "series.edit": "Endra ein serie",
    "series.pause": "Sette ein serie på pause",
    "series.resume": "Starta ein serie igjen",
    "round.open": "Opna ein runde",
    "round.close": "Stengde ein runde",
    "round.remind": "Sende påminning",
    "round.extend": "Forlengde ein runde",
    "person.forget": "Sletta ein person",
    backup: "Tok tryggingskopi",
  },
  // Resultat etter bakgrunnsvariabel (attributes.js)
  attrTitle: "Resultat etter bakgrunn",
  attrNote: (/** @type {number} */ k) =>
    `Heile verksemda, aldri per eining. Tala for ein verdi blir viste berre med minst ${k} svar, og ingen skjult verdi kan reknast ut frå dei andre.`,
  attrChoose: "Bakgrunnsvariabel",
  attrNone: "Organisasjonsfila hadde ingen bakgrunnsvariablar (attr:-kolonnar) då runden opna.",
  attrValue: "Verdi",
  attrInvited: "Invitert",
  attrResponses: "Svar",
  attrRate: "Svarprosent",
  attrHiddenFew: "Blir ikkje vist: for få svar",
  attrHiddenComplementary: "Blir ikkje vist: dei andre tala ville avslørt ei mindre gruppe",
  attrHiddenShort: "skjult",
  attrDeleted: "Svara er sletta etter lagringstida; berre svarprosentane er att.",
  // The results' pictures (trend, comparison, hidden unit, insight charts).
  ...visualTexts.nn,
  // Action plans: 2 + 2 focus areas, HR's overview, the appreciative answers, the action report.
  focusHint: "Inntil to område å halde på og to å forbetre.",
  suggestedPreserve: "styrke",
  suggestedImprove: "forbetringsområde",
  measureNeedsFocus: "Lagre fokusområde først: kvart tiltak høyrer til eitt av dei, inntil tre per område.",
  hrPlansTitle: "Tiltaksplanar i verksemda",
  hrPlansSummary: (p, u) => `${p} av ${u} einingar har ein tiltaksplan`,
  measuresTotal: "Tiltak",
  measuresOverdue: "Over fristen",
  appreciativeTitle: "Kva har vorte betre, og kva fekk det til?",
  appreciativeCount: (n) => `${n} svar`,
  appreciativeHidden: "Svara blir viste når nok har svart til at ingen kan kjennast att.",
  // access (#18 items 6–7): the language switch, exports, skip link, footer.
  language: "Språk",
  skipToContent: "Hopp til innhaldet",
  statementLink: "Tilgjengelegheitserklæring",
  resultsExports: "Eksport",
  resultsCsv: "Last ned resultata (CSV for Excel)",
  resultsPrint: "Utskrift / PDF",
  /** @param {string} what */
  scrollTable: (what) => `${what} (rullar sidelengs)`,
  newDeadline: "Ny frist",
};

/** @type {Texts} */
const en = {
  title: "Pulsen – overview",
  signInTitle: "Sign in to the overview",
  signInHelp:
    "The overview is for HR, leaders, union and safety representatives. Write “dashboard” to Pulsen in Slack or Teams to get a sign-in link, or ask HR for one.",
  signInExpired: "That link is used or expired. Ask Pulsen for a new one.",
  demoPick: "Demo: choose who to see the overview as",
  signOut: "Sign out",
  noAccess:
    "The overview shows results for units you lead or represent, or for the whole organization if you are in HR. You have no such units.",
  rounds: "Round",
  noRounds: "No rounds have opened yet.",
  open: "open",
  closed: "closed",
  closes: (d) => `closes ${d}`,
  closedOn: (d) => `closed ${d}`,
  liveTitle: "Answers so far",
  liveNote:
    "While the round is open, only counts and response rates are shown – never who has answered. Results come when the round closes.",
  unit: "Unit",
  answered: "Answered",
  invited: "Invited",
  rate: "Response rate",
  responses: "Responses",
  heatmapTitle: "Results by unit",
  heatmapNote: (k) =>
    `Figures are factor scores 0–100. Units with fewer than ${k} responses – or that could reveal such a unit – are not shown.`,
  hiddenBelow: "Hidden: too few responses",
  hiddenComplementary: "Hidden to protect a smaller unit",
  hiddenShort: "hidden",
  hiddenFew: "Too few answered this one for it to be shown",
  meanSd: "Mean ± standard deviation",
  countedIn: (u) => `Too few to show alone – counted in ${u}`,
  countedInFigure: (u, a, i, p) => `Too few to show alone – counted in ${u}: ${a} of ${i} have answered (${p})`,
  trendGroupChanged:
    "No change shown: the group gained or lost too few people since the last round for it to stay anonymous.",
  trendHiddenThen: "No change shown: the last round's figure was hidden.",
  decimal: (x, places) => numberIn("en", x, places),
  showUnit: "Show details",
  factor: "Factor",
  mean: "Mean",
  score: "Score",
  favorable: "Agree",
  trend: "Change",
  noTrend: "–",
  strengths: "Strengths",
  improvements: "Areas to improve",
  statements: "Statements",
  reversed: "(reversed)",
  comments: "Comments",
  showComments: "Show comments",
  noComments: "No comments.",
  commentsNote: "Comments are shown in random order and without times.",
  scale: ["Strongly disagree", "Disagree", "Neither agree nor disagree", "Agree", "Strongly agree"],
  channelsTitle: "Where results go",
  channelsNote:
    "When a round closes, Pulsen posts the unit's summary to this channel. Without one, it goes to the leader as a direct message.",
  channelNone: "no channel – direct message to the leader",
  channelId: "Channel id",
  save: "Save",
  saved: "Saved.",
  useThisChannel: (u) => `Post the results for ${u} to this channel`,
  of: (a, b) => `${a} of ${b}`,
  error: "Something went wrong",
  loading: "Loading …",
  configureTitle: "Pulsen in this channel",
  configureHelp: "The tab shows the overview for your units. Leaders can also have their unit's results posted here.",
  planTitle: "Action plan",
  planNone: "No action plan yet.",
  planIntro:
    "Pick up to two areas to preserve and two to improve, and measures with a responsible person and a deadline. Pulsen reminds the person responsible and asks how it went.",
  planProgress: (d, t, o) => `${d} of ${t} measures done${o > 0 ? `, ${o} overdue` : ""}`,
  focusAreas: "Focus areas",
  focusNone: "–",
  preserve: "Preserve",
  improve: "Improve",
  saveFocus: "Save focus areas",
  measure: "Measure",
  area: "Area",
  responsible: "Responsible",
  deadline: "Deadline",
  status: "Status",
  statuses: { not_started: "Not started", in_progress: "In progress", done: "Done" },
  addMeasure: "Add measure",
  noArea: "(none in particular)",
  exportCsv: "Download CSV",
  print: "Printable",
  hiddenDetail: "This unit's results are not shown, to protect anonymity. You can still make an action plan.",
  followUpTitle: "Since the last action plan",
  insightsTitle: "Insights for HR",
  segmentsTitle: "Leadership and engagement",
  segmentsNote: "Units placed by their leadership and engagement scores against the organization's.",
  segment: "Segment",
  segments: { enthusiasts: "Enthusiasts", strivers: "Strivers", laggards: "Laggards", backbenchers: "Backbenchers" },
  driversTitle: "What moves with engagement",
  driversNote:
    "Correlation with the engagement index across all responses in the organization. High correlation with a low score (highlighted) is where effort likely matters most.",
  driversTooFew: (n) => `Driver analysis needs at least ${n} responses in the organization.`,
  driversNoEngagement: "The round did not ask about engagement, so there is no driver analysis.",
  notAvailable: "Not available for this round.",
  correlation: "Correlation",
  plansTitle: "Action plans",
  followUpLine: (a, b, s, w, n) => `${a}: ${b} % better · ${s} % about the same · ${w} % worse (${n} answers)`,
  reachedTitle: "Reached by channel",
  reachedNone: "No invitations have gone out yet.",
  unreachableTitle: "Cannot be reached",
  unreachableNone: "Everyone invited could be reached.",
  /** @type {Record<string, string>} */
  causes: {
    set_up_channel: "the person's channel in the organization file is not set up on the server",
    check_address: "the e-mail address or phone number was refused",
    add_chat_id: "no Slack or Teams account in the organization file",
    install_teams: "Pulsen is not installed for the person in Teams",
    slack_account: "Slack found no account with the e-mail address",
    check_account: "the platform refused the message",
  },
  fixes: {
    set_up_channel: "Set up e-mail (SMTP_URL) or SMS on the server, or empty the person's channel column.",
    check_address: "Correct the e-mail address or phone number in the CSV file and import it again.",
    add_chat_id: "Add slack_user_id or teams_aad_object_id in the CSV file and import it again.",
    install_teams: "Install Pulsen for the person in Teams, or use a setup policy in Teams admin.",
    slack_account: "The e-mail address has no Slack account: add slack_user_id in the CSV file.",
    check_account: "Check the account on the platform; the round does not try again by itself.",
  },
  instrumentsTitle: "Instruments",
  instrumentSize: (f, n) => `${f} factors, ${n} statements`,
  preview: "Preview",
  custom: "custom",
  instrumentFile: "Add a custom instrument (JSON file)",
  instrumentNotJson: "The file is not valid JSON. Save the instrument as a .json file and try again.",
  instrumentAdd: "Add",
  instrumentAdded: (id, v) => `Added ${id} version ${v}.`,
  seriesNew: "New series",
  seriesName: "Name",
  seriesInstrument: "Instrument",
  seriesAudience: "Who (a unit, e.g. “Org > A”, or all)",
  seriesEvery: "How often",
  everyWeek: "every week",
  everyMonth: "first in the month",
  seriesWeekday: "Day",
  weekdays: ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
  seriesTime: "Time",
  seriesOpenDays: "Open for days",
  seriesReminders: "Reminders after days (e.g. 2,4)",
  seriesCreate: "Create the series",
  seriesCreated: (next) => `The series is created. Next rounds: ${next.join(" · ")}`,
  everyone: "everyone",
  seriesTitle: "Series",
  seriesNone: "No series yet (pulsen series create …).",
  seriesNext: "Next rounds",
  seriesPaused: "paused",
  seriesOpen: "has an open round",
  seriesEdit: "Edit",
  seriesEditTitle: (name) => `Edit “${name}”`,
  seriesEditNote: "Changes apply from the next round on. A round that is open now keeps its settings.",
  seriesScheduleUnknown:
    "This series’ schedule was written on the command line and cannot be shown in the form " +
    "(its next rounds are listed above). Saving replaces it with the day and time you choose here.",
  seriesSave: "Save the changes",
  cancel: "Cancel",
  seriesEdited: (next) => `The changes are saved and apply from the next round on. Next rounds: ${next.join(" · ")}`,
  seriesEditedPaused: "The changes are saved. The series is paused and opens no rounds until you resume it.",
  pause: "Pause",
  resume: "Resume",
  openRound: "Open a round now …",
  openPreviewTitle: "Before the round opens",
  audienceN: (n) => `${n} will be invited.`,
  /** @type {Record<string, string>} */
  platformNames: {
    slack: "Slack",
    teams: "Microsoft Teams",
    webchat: "Web chat (demo)",
    email: "E-mail with a personal link",
    sms: "SMS with a personal link",
  },
  reachLine: (p, n) => `${p}: ${n}`,
  byEmail: (n) => `(${n} of them are found in Slack by e-mail when the invitation goes out)`,
  unreachableLine: (r, n) => `${n} cannot be reached: ${r}`,
  firstMessage: "The first message, as employees will see it:",
  openConfirm: "Open the round",
  orgTitle: "The organization",
  orgFile: "CSV file (comma or semicolon, UTF-8)",
  orgCheck: "Check the file",
  orgImport: "Import",
  orgExport: "Download as CSV",
  orgPlan: (a, c, l, u) => `${a} new, ${c} changed, ${l} leaving, ${u} new units.`,
  orgDryRun: "Nothing is written yet. Look it over and press Import.",
  orgDone: "Imported.",
  orgBadLines: "The file was not imported. Fix these lines and try again:",
  controlsTitle: "Run the round",
  remindNow: "Send a reminder now",
  remindHelp: "Only to those who have not answered, and at most once a day.",
  reminded: (n) => `${n} reminders queued. Each goes out in the person's send window.`,
  remindedHidden: "Reminders queued. (The number is not shown: fewer than the anonymity limit were invited.)",
  extendTo: "New last day",
  extend: "Extend",
  extended: (d) => `The round now closes ${d}.`,
  closeNow: "Close now",
  closeConfirm: "Close the round now? Answers after this are not taken.",
  closedNow: "The round is closed. Results follow in a moment.",
  auditTitle: "Log of HR actions",
  auditNone: "No HR actions logged yet.",
  auditWhen: "When",
  auditWho: "Who",
  auditWhat: "What",
  auditDetails: "Details",
  auditCli: "command line",
  auditScheduler: "scheduler",
  auditForgotten: "(forgotten person)",
  auditActions: {
    "org.import": "Imported the organization",
    "series.create": "Created a series",
    "series.edit": "Changed a series",
    "series.pause": "Paused a series",
    "series.resume": "Resumed a series",
    "round.open": "Opened a round",
    "round.close": "Closed a round",
    "round.remind": "Sent a reminder",
    "round.extend": "Extended a round",
    "person.forget": "Forgot a person",
    backup: "Made a backup",
  },
  // Results by background variable (attributes.js)
  attrTitle: "Results by background",
  attrNote: (/** @type {number} */ k) =>
    `The whole organization, never per unit. A value's figures are shown only with at least ${k} responses, and no hidden value can be worked out from the others.`,
  attrChoose: "Background variable",
  attrNone: "The organization file had no background variables (attr: columns) when this round opened.",
  attrValue: "Value",
  attrInvited: "Invited",
  attrResponses: "Responses",
  attrRate: "Response rate",
  attrHiddenFew: "Not shown: too few responses",
  attrHiddenComplementary: "Not shown: the other figures would reveal a smaller group",
  attrHiddenShort: "hidden",
  attrDeleted: "The answers were deleted after the retention period; only the response rates remain.",
  // The results' pictures (trend, comparison, hidden unit, insight charts).
  ...visualTexts.en,
  // Action plans: 2 + 2 focus areas, HR's overview, the appreciative answers, the action report.
  focusHint: "Up to two areas to preserve and two to improve.",
  suggestedPreserve: "strength",
  suggestedImprove: "area to improve",
  measureNeedsFocus: "Save the focus areas first: each measure belongs to one of them, up to three per area.",
  hrPlansTitle: "Action plans across the organization",
  hrPlansSummary: (p, u) => `${p} of ${u} units have an action plan`,
  measuresTotal: "Measures",
  measuresOverdue: "Overdue",
  appreciativeTitle: "What has improved, and what made it happen?",
  appreciativeCount: (n) => `${n} ${n === 1 ? "answer" : "answers"}`,
  appreciativeHidden: "The answers are shown once enough have answered that no one can be recognized.",
  // access (#18 items 6–7): the language switch, exports, skip link, footer.
  language: "Language",
  skipToContent: "Skip to content",
  statementLink: "Accessibility statement",
  resultsExports: "Export",
  resultsCsv: "Download the results (CSV for Excel)",
  resultsPrint: "Print / PDF",
  /** @param {string} what */
  scrollTable: (what) => `${what} (scrolls sideways)`,
  newDeadline: "New deadline",
};

/** @typedef {typeof nb} Texts */
/** @typedef {import("../api-types").Locale} Locale */

/** @type {Record<Locale, Texts>} */
export const texts = { nb, nn, en };

/** "nb-NO", "nn", "en-US" … → one of Pulsen's languages. */
/**
 * @param {string | null | undefined} tag
 * @returns {Locale | null}
 */
export function pickLocale(tag) {
  const t = String(tag || "").toLowerCase();
  if (t.startsWith("nn")) return "nn";
  if (t.startsWith("nb") || t.startsWith("no")) return "nb";
  if (t.startsWith("en")) return "en";
  return null;
}

/**
 * A number in the page's language ("3,4" in Norwegian, "3.4" in English), with this many decimals.
// access (#18 item 7): numbers, percentages and dates as the page's language writes them ("3,4" and
// "7. des. 2026" in nb and nn, "3.4" in en); the server's printout and CSV use the same Intl calls
// (src/web/locale-format.ts). Intl's no-break spaces become plain ones, as the screen's tests read them.
/** @type {Record<Locale, string>} */
const TAGS = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };
/** @type {Locale} */
let pageLocale = "nb";

/** @param {string} s */
const plainSpaces = (s) => s.replace(/[\u00a0\u202f]/g, " ");

/**
 * The language every formatter below writes in: the page's, set once it is known.
 * @param {Locale} locale
 */
export function useLocale(locale) {
  pageLocale = locale;
}

/** @param {Locale} locale @param {number} value @param {number} digits */
function numberIn(locale, value, digits) {
  const f = new Intl.NumberFormat(TAGS[locale], {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    useGrouping: false,
  });
  return plainSpaces(f.format(value));
}

/**
 * A number with `digits` decimals in the page's language.
 * @param {number} value
 * @param {number} digits
 */
export function formatNumber(value, digits) {
  return numberIn(pageLocale, value, digits);
}

/** @param {number} share 0–1, as a whole percentage ("85 %", "85%") */
export function formatPercent(share) {
  const f = new Intl.NumberFormat(TAGS[pageLocale], { style: "percent", maximumFractionDigits: 0 });
  return plainSpaces(f.format(share));
}

/**
 * A day ("7. des. 2026"), or with the time too.
 * @param {string} iso
 * @param {boolean} [withTime]
 */
export function formatDate(iso, withTime = false) {
  const f = new Intl.DateTimeFormat(
    TAGS[pageLocale],
    withTime ? { dateStyle: "medium", timeStyle: "short" } : { dateStyle: "medium" },
  );
  return plainSpaces(f.format(new Date(iso)));
}
