// @ts-check
// The words of the results' pictures (trends, comparisons, a hidden unit's help, the insight charts),
// in nb, nn and en; i18n.js spreads each into its language.

/** @typedef {"hidden" | "group_changed" | "not_asked" | "absent"} Gap */

const nb = {
  trendTitle: "Utvikling over rundene",
  trendNote:
    "Faktorskår 0–100 i seriens stengte runder. Der et tall ikke kan vises, er det et hull i linjen – den trekkes ikke over hullet.",
  trendOne: "Serien har bare én stengt runde ennå. Utviklingen vises fra neste runde.",
  /** @param {string} f @param {string} u */
  trendChartTitle: (f, u) => `${f} i ${u}: skår over rundene`,
  /** @param {number} shown @param {number} all */
  trendChartDesc: (shown, all) => `${shown} av ${all} runder har et tall som kan vises.`,
  /** @param {string} d @param {string} score @param {number} n */
  trendPoint: (d, score, n) => `${d}: ${score} (n = ${n})`,
  /** @type {Record<Gap, string>} */
  trendGap: { hidden: "skjult", group_changed: "ikke sml.", not_asked: "ikke spurt", absent: "ikke med" },
  /** @type {Record<Gap, string>} */
  trendGapLong: {
    hidden: "Skjult: for få svar",
    group_changed: "Ikke vist: gruppen har endret seg med for få personer siden runden før til å sammenlignes anonymt",
    not_asked: "Ikke spurt i denne runden",
    absent: "Enheten var ikke med i runden",
  },
  showTable: "Vis som tabell",
  visRound: "Runde",
  compareTitle: "Sammenligning",
  compareNote:
    "Enhetens skår (stolpen) mot enheten over, virksomheten og ekstern referanse der den finnes. Hvert tall har sin egen n.",
  thisUnit: "Denne enheten",
  organization: "Virksomheten",
  benchmark: "Referanse",
  /** @param {string} u */
  noAccessTo: (u) => `${u}: ikke blant enhetene du har tilgang til`,
  figureHidden: "skjult",
  /** @param {string} name @param {string} score @param {number} n */
  markLine: (name, score, n) => `${name}: ${score} (n = ${n})`,
  /** @param {string} k */
  hiddenWhyBelow: (k) => `Færre enn ${k} svarte, så enhetens resultater vises ikke. Det beskytter dem som svarte.`,
  hiddenWhyComplementary:
    "Resultatene vises ikke, fordi de sammen med tallene rundt kunne avsløre svarene i en mindre enhet.",
  /** @param {string} k @param {string} invited */
  hiddenNext: (k, invited) =>
    `Neste gang: når minst ${k} av de ${invited} inviterte svarer, vises enhetens resultater.`,
  /** @param {string} k @param {string} invited */
  hiddenNextFew: (k, invited) =>
    `Neste gang: enheten trenger minst ${k} svar, men bare ${invited} ble invitert. Så lenge den er så liten, telles svarene med i enheten over.`,
  /** @param {string} k */
  hiddenNextComplementary: (k) =>
    `Neste gang: når flere svarer – minst ${k} i hver enhet – kan resultatene vises. Oppmuntre alle til å svare.`,
  /** @param {string} u */
  aboveTitle: (u) => `Nærmeste enhet over som vises: ${u}`,
  /** @param {string} u */
  aboveNote: (u) => `Tallene under gjelder hele ${u}, ikke din enhet alene.`,
  /** @param {string} u */
  aboveNoAccess: (u) =>
    `Den nærmeste enheten over som vises, ${u}, er ikke blant enhetene du har tilgang til. Spør lederen der eller HR.`,
  aboveNone: "Ingen enhet over vises i denne runden.",
  planLink: "Gå til tiltaksplanen",
  quadrantTitle: "Fire grupper: ledelse × engasjement",
  quadrantNote:
    "Hver som svarte, plassert etter egen skår for ledelse og engasjement mot virksomhetens (linjene). Prikkene er enhetene. En gruppe med færre enn k personer vises ikke.",
  /** @param {string} name @param {number} count @param {string} share */
  quadrantCell: (name, count, share) => `${name}: ${count} personer (${share} %)`,
  /** @param {string} name */
  quadrantHidden: (name) => `${name}: skjult, for få personer`,
  /** @param {number} n */
  quadrantDesc: (n) => `${n} svarte på både ledelse og engasjement.`,
  /** @param {string} u @param {string} l @param {string} e */
  unitDot: (u, l, e) => `${u}: ledelse ${l}, engasjement ${e}`,
  quadrantSkipped: "Gruppene kan ikke vises for denne runden (for få svar, eller svarene er slettet).",
  people: "Personer",
  share: "Andel",
  driverChartTitle: "Betydning for engasjement mot skår",
  driverChartDesc: "Hver faktor plassert etter skår (vannrett) og korrelasjon med engasjement (loddrett).",
  leverArea: "Høy betydning, lav skår",
  impact: "Betydning (korrelasjon)",
  /** @param {string} f @param {string} r @param {string} score @param {number} n */
  driverPoint: (f, r, score, n) => `${f}: korrelasjon ${r}, skår ${score} (n = ${n})`,
  legendTitle: "Fargene i tabellen",
  legend: ["75–100: høy", "60–74: god", "50–59: middels", "0–49: lav", "Skjult: for få svar"],
};

/** @type {typeof nb} */
const nn = {
  trendTitle: "Utvikling over rundane",
  trendNote:
    "Faktorskår 0–100 i dei stengde rundane i serien. Der eit tal ikkje kan visast, er det eit hol i linja – ho vert ikkje dregen over holet.",
  trendOne: "Serien har berre éin stengd runde enno. Utviklinga vert vist frå neste runde.",
  trendChartTitle: (f, u) => `${f} i ${u}: skår over rundane`,
  trendChartDesc: (shown, all) => `${shown} av ${all} rundar har eit tal som kan visast.`,
  trendPoint: (d, score, n) => `${d}: ${score} (n = ${n})`,
  trendGap: { hidden: "skjult", group_changed: "ikkje saml.", not_asked: "ikkje spurt", absent: "ikkje med" },
  trendGapLong: {
    hidden: "Skjult: for få svar",
    group_changed: "Ikkje vist: gruppa har endra seg med for få personar sidan runden før til å samanliknast anonymt",
    not_asked: "Ikkje spurt i denne runden",
    absent: "Eininga var ikkje med i runden",
  },
  showTable: "Vis som tabell",
  visRound: "Runde",
  compareTitle: "Samanlikning",
  compareNote:
    "Skåren til eininga (stolpen) mot eininga over, verksemda og ekstern referanse der ho finst. Kvart tal har sin eigen n.",
  thisUnit: "Denne eininga",
  organization: "Verksemda",
  benchmark: "Referanse",
  noAccessTo: (u) => `${u}: ikkje blant einingane du har tilgang til`,
  figureHidden: "skjult",
  markLine: (name, score, n) => `${name}: ${score} (n = ${n})`,
  hiddenWhyBelow: (k) => `Færre enn ${k} svarte, så resultata for eininga vert ikkje viste. Det vernar dei som svarte.`,
  hiddenWhyComplementary:
    "Resultata vert ikkje viste, fordi dei saman med tala rundt kunne avsløre svara i ei mindre eining.",
  hiddenNext: (k, invited) => `Neste gong: når minst ${k} av dei ${invited} inviterte svarer, vert resultata viste.`,
  hiddenNextFew: (k, invited) =>
    `Neste gong: eininga treng minst ${k} svar, men berre ${invited} vart inviterte. Så lenge ho er så lita, vert svara talde med i eininga over.`,
  hiddenNextComplementary: (k) =>
    `Neste gong: når fleire svarer – minst ${k} i kvar eining – kan resultata visast. Oppmuntre alle til å svare.`,
  aboveTitle: (u) => `Næraste eining over som vert vist: ${u}`,
  aboveNote: (u) => `Tala under gjeld heile ${u}, ikkje eininga di åleine.`,
  aboveNoAccess: (u) =>
    `Den næraste eininga over som vert vist, ${u}, er ikkje blant einingane du har tilgang til. Spør leiaren der eller HR.`,
  aboveNone: "Inga eining over vert vist i denne runden.",
  planLink: "Gå til tiltaksplanen",
  quadrantTitle: "Fire grupper: leiing × engasjement",
  quadrantNote:
    "Kvar som svarte, plassert etter eigen skår for leiing og engasjement mot verksemda sin (linjene). Prikkane er einingane. Ei gruppe med færre enn k personar vert ikkje vist.",
  quadrantCell: (name, count, share) => `${name}: ${count} personar (${share} %)`,
  quadrantHidden: (name) => `${name}: skjult, for få personar`,
  quadrantDesc: (n) => `${n} svarte på både leiing og engasjement.`,
  unitDot: (u, l, e) => `${u}: leiing ${l}, engasjement ${e}`,
  quadrantSkipped: "Gruppene kan ikkje visast for denne runden (for få svar, eller svara er sletta).",
  people: "Personar",
  share: "Del",
  driverChartTitle: "Verknad på engasjement mot skår",
  driverChartDesc: "Kvar faktor plassert etter skår (vassrett) og korrelasjon med engasjement (loddrett).",
  leverArea: "Stor verknad, låg skår",
  impact: "Verknad (korrelasjon)",
  driverPoint: (f, r, score, n) => `${f}: korrelasjon ${r}, skår ${score} (n = ${n})`,
  legendTitle: "Fargane i tabellen",
  legend: ["75–100: høg", "60–74: god", "50–59: middels", "0–49: låg", "Skjult: for få svar"],
};

/** @type {typeof nb} */
const en = {
  trendTitle: "Over the rounds",
  trendNote:
    "Factor scores 0–100 in the series' closed rounds. Where a figure cannot be shown the line has a gap; it is not drawn across.",
  trendOne: "The series has only one closed round so far. The trend shows from the next round.",
  trendChartTitle: (f, u) => `${f} in ${u}: score over the rounds`,
  trendChartDesc: (shown, all) => `${shown} of ${all} rounds have a figure that can be shown.`,
  trendPoint: (d, score, n) => `${d}: ${score} (n = ${n})`,
  trendGap: { hidden: "hidden", group_changed: "not comp.", not_asked: "not asked", absent: "not in it" },
  trendGapLong: {
    hidden: "Hidden: too few answers",
    group_changed: "Not shown: the group changed by too few people since the round before to compare anonymously",
    not_asked: "Not asked in this round",
    absent: "The unit was not in the round",
  },
  showTable: "Show as a table",
  visRound: "Round",
  compareTitle: "Comparison",
  compareNote:
    "The unit's score (the bar) against the unit above, the organization and an external benchmark where there is one. Each figure has its own n.",
  thisUnit: "This unit",
  organization: "Organization",
  benchmark: "Benchmark",
  noAccessTo: (u) => `${u}: not among the units you have access to`,
  figureHidden: "hidden",
  markLine: (name, score, n) => `${name}: ${score} (n = ${n})`,
  hiddenWhyBelow: (k) => `Fewer than ${k} answered, so the unit's results are not shown. This protects those who did.`,
  hiddenWhyComplementary:
    "The results are not shown because, together with the figures around them, they could reveal a smaller unit's answers.",
  hiddenNext: (k, invited) => `Next time: when at least ${k} of the ${invited} invited answer, the results are shown.`,
  hiddenNextFew: (k, invited) =>
    `Next time: the unit needs at least ${k} answers, but only ${invited} were invited. While it is this small, its answers count in the unit above.`,
  hiddenNextComplementary: (k) =>
    `Next time: when more answer – at least ${k} in each unit – the results can be shown. Encourage everyone to answer.`,
  aboveTitle: (u) => `The nearest unit above that is shown: ${u}`,
  aboveNote: (u) => `The figures below are for all of ${u}, not your unit alone.`,
  aboveNoAccess: (u) =>
    `The nearest unit above that is shown, ${u}, is not among the units you have access to. Ask its leader or HR.`,
  aboveNone: "No unit above is shown in this round.",
  planLink: "Go to the action plan",
  quadrantTitle: "Four groups: leadership × engagement",
  quadrantNote:
    "Everyone who answered, placed by their own leadership and engagement scores against the organization's (the lines). The dots are the units. A group of fewer than k people is not shown.",
  quadrantCell: (name, count, share) => `${name}: ${count} people (${share} %)`,
  quadrantHidden: (name) => `${name}: hidden, too few people`,
  quadrantDesc: (n) => `${n} answered both leadership and engagement.`,
  unitDot: (u, l, e) => `${u}: leadership ${l}, engagement ${e}`,
  quadrantSkipped: "The groups cannot be shown for this round (too few answers, or the answers were deleted).",
  people: "People",
  share: "Share",
  driverChartTitle: "Impact on engagement against score",
  driverChartDesc: "Each factor placed by its score (across) and its correlation with engagement (up).",
  leverArea: "High impact, low score",
  impact: "Impact (correlation)",
  driverPoint: (f, r, score, n) => `${f}: correlation ${r}, score ${score} (n = ${n})`,
  legendTitle: "The table's colours",
  legend: ["75–100: high", "60–74: good", "50–59: middle", "0–49: low", "Hidden: too few answers"],
};

export const visualTexts = { nb, nn, en };
