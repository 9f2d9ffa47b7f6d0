import type { Catalog } from "./types";

export const nn: Catalog = {
  inviteHeader: (s) => `Ny pulsmåling: ${s}`,
  inviteWhy:
    "Korleis har du det på jobb? Svara vert brukte av eininga di til å snakke om kva som fungerer og kva som bør bli betre.",
  inviteLength: (n, f, m) =>
    `${n} korte utsegner${f > 0 ? ` og ${f} spørsmål om tiltaksplanen frå sist` : ""}, omtrent ${m} min. Du kan hoppe over det du ikkje vil svare på.`,
  anonymityPromise: (k) =>
    `Svara dine er anonyme. Ingen – heller ikkje leiaren din – ser kva du har svart. Resultat vert berre viste for grupper med minst ${k} svar.`,
  deadline: (w) => `Open til ${w}.`,
  start: "Start",
  snooze: "Minn meg på i morgon",
  reminderHeader: (s) => `Påminning: ${s}`,
  reminderText: (w) => `Du har ikkje svart enno. Det tek berre nokre minutt, og undersøkinga er open til ${w}.`,
  resume: "Hald fram",
  snoozed: (w) => `Greitt! Du får ei påminning ${w}.`,
  snoozeNoReminder:
    "Greitt! Det er ikkje fleire påminningar att i denne runden, men du kan svare når som helst før fristen.",
  questionHeader: (k, n) => `Utsegn ${k} av ${n}`,
  scaleHint: (low, high) => `1 = ${low}, 5 = ${high}`,
  back: "← Tilbake",
  changeHint: "Du har svart på denne utsegna før. Vel eit svar for å endre det.",
  nothingBefore: "Dette er den første utsegna, så det er ingenting å gå tilbake til.",
  followUpOwnPlan: "tiltaksplanen til eininga di",
  followUpPlanOf: (u) => `tiltaksplanen til ${u}`,
  commentHeader: "Vil du leggje til ein kommentar?",
  commentPlaceholder: "Kva ville gjort arbeidsdagen betre?",
  commentHint:
    "Kommentaren er anonym, men skriv han slik at han ikkje avslører kven du er. Han vert berre lesen av leiaren, tillitsvalde, verneombod og HR – og berre når minst fem har svart.",
  send: "Send inn",
  skipComment: "Send utan kommentar",
  thanksHeader: "Takk for svara!",
  thanksText: (on) =>
    `Svara er lagra anonymt og kan ikkje lenger endrast. Resultata vert delte med eininga etter at undersøkinga stengjer ${on}.`,
  alreadyAnswered: "Du har alt svart på denne undersøkinga. Svara er lagra anonymt og kan ikkje endrast.",
  notInvited: "Denne undersøkinga er ikkje send til deg.",
  notUnderstood: "Det knappetrykket forstod eg ikkje. Prøv gjerne att frå den siste meldinga.",
  helpTitle: "Pulsen – dette kan du skrive",
  helpLines: (h) => [
    `${h.cmd("status")} – opne undersøkingar og om du har svart`,
    ...(h.channel ? [`${h.channel} – (leiarar og HR) send resultata til eininga til den kanalen`] : []),
    `${h.cmd("resultat")} – (leiarar) dei siste resultata for eininga di`,
    `${h.cmd("oversikt")} – (leiarar, HR, tillitsvalde) ei innloggingslenkje til oversikta`,
    `${h.cmd("hjelp")} – denne hjelpa`,
  ],
  helpChannel: { slack: "/pulsen kanal #kanal", teams: "@Pulsen kanal, skrive i kanalen i teamet" },
  unknownCommand: (w) => `«${w}» kjenner eg ikkje. Dette kan du skrive:`,
  channelNeedsName: "Skriv kva kanal: /pulsen kanal #kanal, eller skriv /pulsen kanal i sjølve kanalen.",
  channelNotHere: "Resultata går til ein kanal i Slack eller Teams; webchatten har ingen kanalar.",
  statusTitle: "Undersøkingane dine",
  statusNone: "Ingen opne undersøkingar akkurat no.",
  statusOpen: (s, w) => `${s}: ikkje svart enno – open til ${w}.`,
  statusDone: (s) => `${s}: svart. Takk!`,
  statusUnit: (u, a, i, p) => `${u}: ${a} av ${i} har svart (${p} %)`,
  countedIn: (u, above) => `${above} (der ${u} vert talt med)`,
  noResults: "Ingen resultat for einingar du leier enno. Dei kjem når ein runde er avslutta.",
  channelOnlyInTeam: "Skriv @Pulsen kanal i kanalen i teamet der resultata skal postast.",
  channelSet: (c, u) => `Resultat for ${u} vert no sende til ${c}.`,
  channelNotLeader: "Berre leiarar for ei eining, eller HR, kan velje kanalen til eininga.",
  channelUnknownUnit: (u) => `Fann inga eining «${u}» som du leier.`,
  channelInvite: (c) =>
    `Eg er ikkje medlem av ${c} enno. Skriv /invite @Pulsen i kanalen, så kan eg poste resultata der.`,
  homeDashboard: (url) => `Oversikta for HR og leiarar: ${url}`,
  signInLink: (m) =>
    `Her er lenkja di til oversikta. Ho verkar éin gong, i ${m} minutt, og berre for deg – ikkje del henne.`,
  dashboardOpen: "Opne oversikta",
  dashboardNoAccess:
    "Oversikta er for leiarar, HR, tillitsvalde og verneombod. Dine eigne undersøkingar finn du med «status».",
  statusOnlyPersonal: "Undersøkingane dine viser eg berre i den private chatten vår. Skriv «status» til meg der.",
  resultsOnlyPersonal: "Resultat viser eg berre i den private chatten vår. Skriv «resultat» til meg der.",
  dashboardOnlyPersonal: "Innloggingslenkjer sender eg berre i den private chatten vår. Skriv «oversikt» til meg der.",
  notKnown: "Du finst ikkje i oversikta Pulsen har over tilsette. Spør HR om du skal vere med.",
  digestHeader: (s, u) => `Resultat: ${s} – ${u}`,
  digestRate: (r, i, p) => `${r} av ${i} svarte (${p} %).`,
  digestColumns: ["Område", "Skår (0–100)", "Sidan sist"],
  strengths: (l) => `Styrkar: ${l}.`,
  improvements: (l) => `Forbetringsområde: ${l}.`,
  digestNext: "Snakk om resultata i teamet og vel eitt til tre område å arbeide med.",
  digestSuppressed: (u, k) =>
    `Resultata for ${u} vert ikkje viste denne gongen: det kom for få svar til at anonymiteten kan takast vare på (minst ${k}). Svara tel med i tala for eininga over.`,
  digestHiddenCell: "skjult",
  digestHiddenNote: (k) =>
    `«Skjult»: for få svarte på akkurat dette (minst ${k}), eller talet ville avslørt ei mindre gruppe.`,
  digestTrendWithheld: (k) =>
    `Endring sidan sist vert ikkje vist der gruppa har fått eller mista færre enn ${k} personar sidan førre runde.`,
  hrHeader: (s) => `Resultat for heile verksemda: ${s}`,
  hrUnits: (shown, hidden) => `${shown} einingar får resultat; ${hidden} er skjulte for å ta vare på anonymiteten.`,
  dashboardLink: (url) => `Heile rapporten: ${url}`,
  planCreate: "Lag tiltaksplan",
  digestFollowUp: (a, b, s, w) =>
    `Sidan førre tiltaksplan, ${a}: ${b} % seier betre, ${s} % som før, ${w} % dårlegare.`,
  homePlan: (u, d, t, o) =>
    `Tiltaksplan for ${u}: ${d} av ${t} tiltak gjennomførte${o > 0 ? `, ${o} over fristen` : ""}.`,
  measureRemindTitle: "Eit tiltak har frist om ei veke",
  measureAskTitle: "Korleis går det med tiltaket?",
  measureLine: (u, d) => `${u} · frist ${d}`,
  measureStatus: { not_started: "Ikkje starta", in_progress: "Påbyrja", done: "Gjennomført" },
  measureThanks: (s) => `Takk! Tiltaket er registrert som: ${s}.`,
  measureNotYours: "Dette tiltaket kan berre den ansvarlege, leiaren for eininga eller HR oppdatere.",
  planProgress: (m, w, s, d, t) => `«${m}» (${w}): ${s}. Planen: ${d} av ${t} tiltak gjennomførte.`,
  planProgressTitle: (u) => `Tiltaksplan for ${u}`,
  nudgeHeader: (s) => `Halvvegs: ${s}`,
  nudgeText: (u, a, i, p, w) =>
    `I ${u} har ${a} av ${i} svart så langt (${p} %). Minn gjerne teamet på undersøkinga før ${w} – utan å spørje kven som har svart.`,
  roundClosed: (on) =>
    `Takk for at du ville svare! Denne undersøkinga vart avslutta ${on}, så svar kan ikkje lenger takast imot. Du får ein ny invitasjon ved neste runde.`,
  surveyClosed: (on) =>
    `Denne undersøkinga stengde ${on} og tek ikkje lenger imot svar. Du får ein ny invitasjon ved neste runde.`,
  roundNotOpen: "Denne undersøkinga har ikkje opna enno.",
  linkPersonal: "Lenkja er personleg – ikkje del henne med nokon, og ikkje send denne meldinga vidare.",
  linkFallback: "Verkar ikkje knappen? Kopier denne adressa inn i nettlesaren:",
  mailSignOff: (s) => `Helsing ${s}`,
  mailChatOnly: "Knappane i denne meldinga verkar berre i Slack og Teams. Du kan gjere det same i oversikta.",
  smsInvite: (o, m, w, url) => `Pulsen: Ny pulsmåling frå ${o}. Anonymt, ca. ${m} min. Svar innan ${w}: ${url}`,
  smsRemind: (o, m, w, url) =>
    `Pulsen: Påminning om pulsmålinga frå ${o}. Anonymt, ca. ${m} min. Open til ${w}: ${url}`,
  smsNews: (o, url) => `Pulsen: Det er noko nytt til deg frå ${o}. Sjå oversikta: ${url}`,
};
