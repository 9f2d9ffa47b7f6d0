// @ts-check
// The dashboard's words in the organization's three languages. Kept apart
// from the bot's catalogue: these are screen labels, not chat messages.
/** @typedef {import("../api-types").MeasureStatus} MeasureStatus */
/** @typedef {import("../api-types").Segment} Segment */

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
  decimal: (x, places) => x.toFixed(places).replace(".", ","),
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
    "Velg ett til tre områder å bevare eller forbedre, og tiltak med ansvarlig og frist. Pulsen minner den ansvarlige på fristen og spør hvordan det gikk.",
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
  decimal: (x, places) => x.toFixed(places).replace(".", ","),
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
    "Vel eitt til tre område å halde på eller forbetre, og tiltak med ansvarleg og frist. Pulsen minner den ansvarlege på fristen og spør korleis det gjekk.",
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
  decimal: (x, places) => x.toFixed(places),
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
    "Pick one to three areas to preserve or improve, and measures with a responsible person and a deadline. Pulsen reminds the person responsible and asks how it went.",
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
