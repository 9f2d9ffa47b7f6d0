import type { Catalog } from "./types";

export const nb: Catalog = {
  inviteHeader: (s) => `Ny pulsmåling: ${s}`,
  inviteWhy:
    "Hvordan har du det på jobb? Svarene brukes av enheten din til å snakke om hva som fungerer og hva som bør bli bedre.",
  inviteLength: (n, f, m) =>
    `${n} korte utsagn${f > 0 ? ` og ${f} spørsmål om tiltaksplanen fra sist` : ""}, omtrent ${m} min. Du kan hoppe over det du ikke vil svare på.`,
  anonymityPromise: (k) =>
    `Svarene dine er anonyme. Ingen – heller ikke lederen din – ser hva du har svart. Resultater vises bare for grupper med minst ${k} svar.`,
  deadline: (w) => `Åpen til ${w}.`,
  start: "Start",
  snooze: "Påminn meg i morgen",
  reminderHeader: (s) => `Påminnelse: ${s}`,
  reminderText: (w) => `Du har ikke svart ennå. Det tar bare noen minutter, og undersøkelsen er åpen til ${w}.`,
  resume: "Fortsett",
  snoozed: (w) => `Greit! Du får en påminnelse ${w}.`,
  snoozeNoReminder:
    "Greit! Det er ikke flere påminnelser igjen i denne runden, men du kan svare når som helst før fristen.",
  questionHeader: (k, n) => `Utsagn ${k} av ${n}`,
  scaleHint: (low, high) => `1 = ${low}, 5 = ${high}`,
  back: "← Tilbake",
  changeHint: "Du har svart på dette utsagnet før. Velg et svar for å endre det.",
  nothingBefore: "Dette er det første utsagnet, så det er ingenting å gå tilbake til.",
  followUpOwnPlan: "tiltaksplanen til enheten din",
  followUpPlanOf: (u) => `tiltaksplanen til ${u}`,
  commentHeader: "Vil du legge til en kommentar?",
  commentPlaceholder: "Hva ville gjort arbeidsdagen bedre?",
  commentHint:
    "Kommentaren er anonym, men skriv den slik at den ikke avslører hvem du er. Den leses bare av lederen, tillitsvalgte, verneombud og HR – og bare når minst fem har svart.",
  send: "Send inn",
  skipComment: "Send uten kommentar",
  thanksHeader: "Takk for svarene!",
  thanksText: (on) =>
    `Svarene er lagret anonymt og kan ikke lenger endres. Resultatene deles med enheten etter at undersøkelsen stenger ${on}.`,
  alreadyAnswered: "Du har allerede svart på denne undersøkelsen. Svarene er lagret anonymt og kan ikke endres.",
  notInvited: "Denne undersøkelsen er ikke sendt til deg.",
  notUnderstood: "Det knappetrykket forsto jeg ikke. Prøv gjerne igjen fra den siste meldingen.",
  helpTitle: "Pulsen – dette kan du skrive",
  helpLines: (h) => [
    `${h.cmd("status")} – åpne undersøkelser og om du har svart`,
    ...(h.channel ? [`${h.channel} – (ledere og HR) send enhetens resultater til den kanalen`] : []),
    `${h.cmd("resultater")} – (ledere) siste resultater for enheten din`,
    `${h.cmd("oversikt")} – (ledere, HR, tillitsvalgte) en innloggingslenke til oversikten`,
    `${h.cmd("hjelp")} – denne hjelpen`,
  ],
  helpChannel: { slack: "/pulsen kanal #kanal", teams: "@Pulsen kanal, skrevet i kanalen i teamet" },
  unknownCommand: (w) => `«${w}» kjenner jeg ikke. Dette kan du skrive:`,
  channelNeedsName: "Skriv hvilken kanal: /pulsen kanal #kanal, eller skriv /pulsen kanal i selve kanalen.",
  channelNotHere: "Resultatene går til en kanal i Slack eller Teams; webchatten har ingen kanaler.",
  statusTitle: "Dine undersøkelser",
  statusNone: "Ingen åpne undersøkelser akkurat nå.",
  statusOpen: (s, w) => `${s}: ikke besvart ennå – åpen til ${w}.`,
  statusDone: (s) => `${s}: besvart. Takk!`,
  statusUnit: (u, a, i, p) => `${u}: ${a} av ${i} har svart (${p} %)`,
  countedIn: (u, above) => `${above} (der ${u} telles med)`,
  noResults: "Ingen resultater for enheter du leder ennå. De kommer når en runde er avsluttet.",
  channelOnlyInTeam: "Skriv @Pulsen kanal i kanalen i teamet der resultatene skal postes.",
  channelSet: (c, u) => `Resultater for ${u} sendes nå til ${c}.`,
  channelNotLeader: "Bare ledere for en enhet, eller HR, kan velge enhetens kanal.",
  channelUnknownUnit: (u) => `Fant ingen enhet «${u}» som du leder.`,
  channelInvite: (c) =>
    `Jeg er ikke medlem av ${c} ennå. Skriv /invite @Pulsen i kanalen, så kan jeg poste resultatene der.`,
  homeDashboard: (url) => `Oversikten for HR og ledere: ${url}`,
  signInLink: (m) =>
    `Her er lenken din til oversikten. Den virker én gang, i ${m} minutter, og bare for deg – ikke del den.`,
  dashboardOpen: "Åpne oversikten",
  dashboardNoAccess:
    "Oversikten er for ledere, HR, tillitsvalgte og verneombud. Dine egne undersøkelser finner du med «status».",
  statusOnlyPersonal: "Undersøkelsene dine viser jeg bare i vår private chat. Skriv «status» til meg der.",
  resultsOnlyPersonal: "Resultater viser jeg bare i vår private chat. Skriv «resultater» til meg der.",
  dashboardOnlyPersonal: "Innloggingslenker sender jeg bare i vår private chat. Skriv «oversikt» til meg der.",
  notKnown: "Du finnes ikke i Pulsens oversikt over ansatte. Spør HR om du skal være med.",
  digestHeader: (s, u) => `Resultater: ${s} – ${u}`,
  digestRate: (r, i, p) => `${r} av ${i} svarte (${p} %).`,
  digestColumns: ["Område", "Skår (0–100)", "Siden sist"],
  strengths: (l) => `Styrker: ${l}.`,
  improvements: (l) => `Forbedringsområder: ${l}.`,
  digestNext: "Snakk om resultatene i teamet og velg ett til tre områder å jobbe med.",
  digestSuppressed: (u, k) =>
    `Resultatene for ${u} vises ikke denne gangen: det kom for få svar til at anonymiteten kan bevares (minst ${k}). Svarene teller med i tallene for enheten over.`,
  digestHiddenCell: "skjult",
  digestHiddenNote: (k) =>
    `«Skjult»: for få svarte på akkurat dette (minst ${k}), eller tallet ville avslørt en mindre gruppe.`,
  digestTrendWithheld: (k) =>
    `Endring siden sist vises ikke der gruppen har fått eller mistet færre enn ${k} personer siden forrige runde.`,
  hrHeader: (s) => `Resultater for hele virksomheten: ${s}`,
  hrUnits: (shown, hidden) => `${shown} enheter får resultater; ${hidden} er skjult for å bevare anonymiteten.`,
  dashboardLink: (url) => `Hele rapporten: ${url}`,
  planCreate: "Lag tiltaksplan",
  digestFollowUp: (a, b, s, w) =>
    `Siden forrige tiltaksplan, ${a}: ${b} % sier bedre, ${s} % som før, ${w} % dårligere.`,
  homePlan: (u, d, t, o) =>
    `Tiltaksplan for ${u}: ${d} av ${t} tiltak gjennomført${o > 0 ? `, ${o} over fristen` : ""}.`,
  measureRemindTitle: "Et tiltak har frist om en uke",
  measureAskTitle: "Hvordan går det med tiltaket?",
  measureLine: (u, d) => `${u} · frist ${d}`,
  measureStatus: { not_started: "Ikke startet", in_progress: "Påbegynt", done: "Gjennomført" },
  measureThanks: (s) => `Takk! Tiltaket er registrert som: ${s}.`,
  measureNotYours: "Dette tiltaket kan bare den ansvarlige, enhetens leder eller HR oppdatere.",
  planProgress: (m, w, s, d, t) => `«${m}» (${w}): ${s}. Planen: ${d} av ${t} tiltak gjennomført.`,
  planProgressTitle: (u) => `Tiltaksplan for ${u}`,
  nudgeHeader: (s) => `Halvveis: ${s}`,
  nudgeText: (u, a, i, p, w) =>
    `I ${u} har ${a} av ${i} svart så langt (${p} %). Minn gjerne teamet på undersøkelsen før ${w} – uten å spørre hvem som har svart.`,
  roundClosed: (on) =>
    `Takk for at du ville svare! Denne undersøkelsen ble avsluttet ${on}, så svar kan ikke lenger tas imot. Du får en ny invitasjon ved neste runde.`,
  surveyClosed: (on) =>
    `Denne undersøkelsen stengte ${on} og tar ikke lenger imot svar. Du får en ny invitasjon til neste runde.`,
  roundNotOpen: "Denne undersøkelsen har ikke åpnet ennå.",
  linkPersonal: "Lenken er personlig – ikke del den med noen, og ikke videresend denne meldingen.",
  linkFallback: "Virker ikke knappen? Kopier denne adressen inn i nettleseren:",
  mailSignOff: (s) => `Hilsen ${s}`,
  mailChatOnly: "Knappene i denne meldingen virker bare i Slack og Teams. Du kan gjøre det samme i oversikten.",
  smsInvite: (o, m, w, url) => `Pulsen: Ny pulsmåling fra ${o}. Anonymt, ca. ${m} min. Svar innen ${w}: ${url}`,
  smsRemind: (o, m, w, url) =>
    `Pulsen: Påminnelse om pulsmålingen fra ${o}. Anonymt, ca. ${m} min. Åpen til ${w}: ${url}`,
  smsNews: (o, url) => `Pulsen: Det er noe nytt til deg fra ${o}. Se oversikten: ${url}`,
};
