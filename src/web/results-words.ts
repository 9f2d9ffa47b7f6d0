import type { Locale } from "../core/locale";

/** The printable report's and the CSV's words, in the reader's language. */
export interface ResultsWords {
  title: string;
  organization: string;
  round: string;
  closed: string;
  printed: string;
  unit: string;
  responses: string;
  rate: string;
  factor: string;
  statement: string;
  mean: string;
  sd: string;
  score: string;
  favorable: string;
  strengths: string;
  improvements: string;
  overview: string;
  statements: string;
  hidden: string;
  hiddenFew: string;
  hiddenComplementary: string;
  note: (k: number) => string;
  print: string;
  back: string;
  ticketUsed: string;
  /** CSV column heads. */
  csv: {
    unit: string;
    kind: string;
    name: string;
    n: string;
    invited: string;
    mean: string;
    sd: string;
    score: string;
    favorable: string;
    status: string;
  };
  kinds: { unit: string; factor: string; statement: string };
  shown: string;
}

export const RESULTS_WORDS: Record<Locale, ResultsWords> = {
  nb: {
    title: "Resultater",
    organization: "Hele virksomheten",
    round: "Runde",
    closed: "Stengt",
    printed: "Skrevet ut",
    unit: "Enhet",
    responses: "Svar",
    rate: "Svarprosent",
    factor: "Faktor",
    statement: "Påstand",
    mean: "Snitt",
    sd: "Standardavvik",
    score: "Skår",
    favorable: "Enig",
    strengths: "Styrker",
    improvements: "Forbedringsområder",
    overview: "Oversikt per enhet",
    statements: "Påstander",
    hidden: "skjult",
    hiddenFew: "skjult: for få svar",
    hiddenComplementary: "skjult for å beskytte en mindre enhet",
    note: (k) =>
      `Skår 0–100, snitt på skalaen 1–5. Tall med færre enn ${k} svar – eller som kunne avsløre et slikt tall – vises ikke.`,
    print: "Skriv ut / lagre som PDF",
    back: "Tilbake til oversikten",
    ticketUsed: "Lenken til utskriften er brukt eller utløpt. Åpne utskriften på nytt fra oversikten.",
    csv: {
      unit: "Enhet",
      kind: "Type",
      name: "Navn",
      n: "n",
      invited: "Invitert",
      mean: "Snitt",
      sd: "Standardavvik",
      score: "Skår",
      favorable: "Enig (%)",
      status: "Status",
    },
    kinds: { unit: "enhet", factor: "faktor", statement: "påstand" },
    shown: "vist",
  },
  nn: {
    title: "Resultat",
    organization: "Heile verksemda",
    round: "Runde",
    closed: "Stengd",
    printed: "Skrive ut",
    unit: "Eining",
    responses: "Svar",
    rate: "Svarprosent",
    factor: "Faktor",
    statement: "Påstand",
    mean: "Snitt",
    sd: "Standardavvik",
    score: "Skår",
    favorable: "Einig",
    strengths: "Styrkar",
    improvements: "Forbetringsområde",
    overview: "Oversikt per eining",
    statements: "Påstandar",
    hidden: "skjult",
    hiddenFew: "skjult: for få svar",
    hiddenComplementary: "skjult for å verne ei mindre eining",
    note: (k) =>
      `Skår 0–100, snitt på skalaen 1–5. Tal med færre enn ${k} svar – eller som kunne avsløre eit slikt tal – blir ikkje viste.`,
    print: "Skriv ut / lagre som PDF",
    back: "Tilbake til oversikta",
    ticketUsed: "Lenkja til utskrifta er brukt eller gått ut. Opne utskrifta på nytt frå oversikta.",
    csv: {
      unit: "Eining",
      kind: "Type",
      name: "Namn",
      n: "n",
      invited: "Invitert",
      mean: "Snitt",
      sd: "Standardavvik",
      score: "Skår",
      favorable: "Einig (%)",
      status: "Status",
    },
    kinds: { unit: "eining", factor: "faktor", statement: "påstand" },
    shown: "vist",
  },
  en: {
    title: "Results",
    organization: "The whole organization",
    round: "Round",
    closed: "Closed",
    printed: "Printed",
    unit: "Unit",
    responses: "Responses",
    rate: "Response rate",
    factor: "Factor",
    statement: "Statement",
    mean: "Mean",
    sd: "Standard deviation",
    score: "Score",
    favorable: "Agree",
    strengths: "Strengths",
    improvements: "Areas to improve",
    overview: "Overview by unit",
    statements: "Statements",
    hidden: "hidden",
    hiddenFew: "hidden: too few answers",
    hiddenComplementary: "hidden to protect a smaller unit",
    note: (k) =>
      `Scores 0–100, means on the 1–5 scale. Figures with fewer than ${k} answers – or that could reveal one – are not shown.`,
    print: "Print / save as PDF",
    back: "Back to the overview",
    ticketUsed: "The link to the printout is used or has expired. Open the printout again from the overview.",
    csv: {
      unit: "Unit",
      kind: "Kind",
      name: "Name",
      n: "n",
      invited: "Invited",
      mean: "Mean",
      sd: "Standard deviation",
      score: "Score",
      favorable: "Agree (%)",
      status: "Status",
    },
    kinds: { unit: "unit", factor: "factor", statement: "statement" },
    shown: "shown",
  },
};
