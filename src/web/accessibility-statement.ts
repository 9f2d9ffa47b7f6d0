import type { Locale } from "../core/locale";
import { formatDate } from "./locale-format";
import { escapeHtml, footer, page, skipLink } from "./page-shell";

/**
 * The accessibility statement, in the shape Norwegian public bodies publish (uutilsynet's model): the
 * standard, what conforms, what does not yet and why, how to report a problem, the date. Honest about
 * what is not yet done: the statement is only worth something if it is.
 */
const MADE = new Date("2026-12-01T12:00:00Z");

interface StatementText {
  title: string;
  intro: string;
  standardTitle: string;
  standard: string;
  testedTitle: string;
  tested: string[];
  notYetTitle: string;
  notYet: string[];
  reportTitle: string;
  report: (contact: string) => string;
  noContact: string;
  complaint: string;
  made: (date: string) => string;
}

const TEXT: Record<Locale, StatementText> = {
  nb: {
    title: "Tilgjengelighetserklæring for Pulsen",
    intro: "Denne erklæringen gjelder oversikten i Pulsen: resultater, tiltaksplaner, utskrift og HR-konsollen.",
    standardTitle: "Standard og status",
    standard:
      "Målet er WCAG 2.1 nivå AA, som forskrift om universell utforming av IKT-løsninger krever. Pulsen er delvis i samsvar: det som ikke er i samsvar ennå, står nedenfor.",
    testedTitle: "Dette er testet og i samsvar",
    tested: [
      "Resultatsidene sjekkes automatisk med axe-core for HR, leder av en vist enhet, leder av en skjult enhet og tillitsvalgt, på bokmål og engelsk, i lyst og mørkt tema, i 1366 og 360 piksler bredde.",
      "Kontrast på minst 4,5:1 for tekst, også i fargede celler, i lyst og mørkt tema.",
      "Overskrifter i rekkefølge, tabeller med kolonne- og radoverskrifter, språket på siden følger valgt språk.",
      "Alt kan brukes med tastatur: radene i resultattabellen er knapper (Tab, Enter, mellomrom), fokus er synlig, og en lenke hopper til innholdet.",
      "Siden passer på en 360 piksler bred skjerm uten sideveis rulling; brede tabeller ruller i egen ramme.",
      "Mørkt tema følger nettleserens innstilling, og i Teams følger siden Teams' tema.",
    ],
    notYetTitle: "Dette er ikke i samsvar ennå",
    notYet: [
      "Pulsen er ikke testet manuelt med skjermleser (NVDA, JAWS, VoiceOver). Automatiske tester finner bare en del av feilene.",
      "HR-konsollens skjemaer er testet slik de åpner, men ikke i alle tilstander (forhåndsvisning, feilmeldinger) i mørkt tema og 360 piksler; det samme gjelder diagrammene.",
      "Svarprosenten i en åpen runde oppdateres hvert 15. sekund uten at endringen leses opp.",
      "Teams' høykontrasttema er ikke testet.",
      "Om en PDF lagret fra utskriften er tilgjengelig (merket PDF), avhenger av nettleseren.",
      "Innloggingslenken virker i 15 minutter og kan ikke forlenges; det er et sikkerhetskrav.",
    ],
    reportTitle: "Meld fra om feil",
    report: (c) =>
      `Finner du noe som ikke virker for deg, skriv til ${c}. Si hvilken side det gjelder og hva som skjedde.`,
    noContact: "Finner du noe som ikke virker for deg, si fra til HR i virksomheten.",
    complaint:
      "Får du ikke svar, eller er du ikke fornøyd med svaret, kan du melde fra til Tilsynet for universell utforming av IKT (uutilsynet.no).",
    made: (d) => `Erklæringen ble laget ${d}.`,
  },
  nn: {
    title: "Tilgjengelegheitserklæring for Pulsen",
    intro: "Denne erklæringa gjeld oversikta i Pulsen: resultat, tiltaksplanar, utskrift og HR-konsollen.",
    standardTitle: "Standard og status",
    standard:
      "Målet er WCAG 2.1 nivå AA, som forskrift om universell utforming av IKT-løysingar krev. Pulsen er delvis i samsvar: det som ikkje er i samsvar enno, står nedanfor.",
    testedTitle: "Dette er testa og i samsvar",
    tested: [
      "Resultatsidene blir sjekka automatisk med axe-core for HR, leiar av ei vist eining, leiar av ei skjult eining og tillitsvald, på bokmål og engelsk, i lyst og mørkt tema, i 1366 og 360 pikslar breidd.",
      "Kontrast på minst 4,5:1 for tekst, også i farga celler, i lyst og mørkt tema.",
      "Overskrifter i rekkjefølgje, tabellar med kolonne- og radoverskrifter, språket på sida følgjer valt språk.",
      "Alt kan brukast med tastatur: radene i resultattabellen er knappar (Tab, Enter, mellomrom), fokus er synleg, og ei lenkje hoppar til innhaldet.",
      "Sida passar på ein 360 pikslar brei skjerm utan sidelengs rulling; breie tabellar rullar i eiga ramme.",
      "Mørkt tema følgjer innstillinga i nettlesaren, og i Teams følgjer sida temaet i Teams.",
    ],
    notYetTitle: "Dette er ikkje i samsvar enno",
    notYet: [
      "Pulsen er ikkje testa manuelt med skjermlesar (NVDA, JAWS, VoiceOver). Automatiske testar finn berre ein del av feila.",
      "Skjemaa i HR-konsollen er testa slik dei opnar, men ikkje i alle tilstandar (førehandsvising, feilmeldingar) i mørkt tema og 360 pikslar; det same gjeld diagramma.",
      "Svarprosenten i ein open runde blir oppdatert kvart 15. sekund utan at endringa blir lesen opp.",
      "Høgkontrasttemaet i Teams er ikkje testa.",
      "Om ein PDF lagra frå utskrifta er tilgjengeleg (merkt PDF), kjem an på nettlesaren.",
      "Innloggingslenkja verkar i 15 minutt og kan ikkje forlengjast; det er eit tryggingskrav.",
    ],
    reportTitle: "Meld frå om feil",
    report: (c) => `Finn du noko som ikkje verkar for deg, skriv til ${c}. Sei kva side det gjeld og kva som skjedde.`,
    noContact: "Finn du noko som ikkje verkar for deg, sei frå til HR i verksemda.",
    complaint:
      "Får du ikkje svar, eller er du ikkje nøgd med svaret, kan du melde frå til Tilsynet for universell utforming av IKT (uutilsynet.no).",
    made: (d) => `Erklæringa vart laga ${d}.`,
  },
  en: {
    title: "Accessibility statement for Pulsen",
    intro: "This statement covers Pulsen's overview: results, action plans, the printout and HR's console.",
    standardTitle: "Standard and status",
    standard:
      "The aim is WCAG 2.1 level AA, as the Norwegian regulation on universal design of ICT requires. Pulsen partially conforms: what does not conform yet is listed below.",
    testedTitle: "Tested and conforming",
    tested: [
      "The results pages are checked automatically with axe-core as HR, as the leader of a shown unit, as the leader of a hidden unit and as a union representative, in Norwegian and English, in light and dark themes, 1366 and 360 pixels wide.",
      "Contrast of at least 4.5:1 for text, also in coloured cells, in light and dark themes.",
      "Headings in order, tables with column and row headers, the page's language follows the chosen language.",
      "Everything works with a keyboard: the rows of the results table are buttons (Tab, Enter, Space), focus is visible, and a link skips to the content.",
      "The page fits a 360 pixel wide screen without scrolling sideways; wide tables scroll in their own frame.",
      "The dark theme follows the browser's setting; in Teams the page follows Teams' theme.",
    ],
    notYetTitle: "Not yet conforming",
    notYet: [
      "Pulsen has not been tested by hand with a screen reader (NVDA, JAWS, VoiceOver). Automatic tests find only some problems.",
      "HR's console forms are tested as they open, but not in every state (previews, error messages) in the dark theme at 360 pixels; the same goes for the charts.",
      "The response rate of an open round refreshes every 15 seconds without the change being announced.",
      "Teams' high-contrast theme is not tested.",
      "Whether a PDF saved from the printout is accessible (tagged PDF) depends on the browser.",
      "A sign-in link works for 15 minutes and cannot be extended; that is a security requirement.",
    ],
    reportTitle: "Report a problem",
    report: (c) => `If something does not work for you, write to ${c}. Say which page and what happened.`,
    noContact: "If something does not work for you, tell HR in your organization.",
    complaint:
      "If you get no answer, or are not satisfied with it, you can report it to the Norwegian Digitalisation Agency's supervisory authority for universal design of ICT (uutilsynet.no).",
    made: (d) => `This statement was made on ${d}.`,
  },
};

/** The statement page; `contacts`: the configured address, else the HR people's e-mail. */
export function accessibilityStatement(locale: Locale, contacts: string[], timeZone: string): string {
  const t = TEXT[locale];
  const list = (items: string[]) => `<ul>${items.map((i) => `<li>${escapeHtml(i)}</li>`).join("")}</ul>`;
  const mail = contacts.map((c) => `<a href="mailto:${escapeHtml(c)}">${escapeHtml(c)}</a>`).join(", ");
  const report =
    contacts.length === 0 ? escapeHtml(t.noContact) : escapeHtml(t.report("\u0000")).replace("\u0000", mail);
  const langs = (["nb", "nn", "en"] as const)
    .filter((l) => l !== locale)
    .map((l) => `<a href="/tilgjengelighet?lang=${l}" lang="${l}" hreflang="${l}">${escapeHtml(TEXT[l].title)}</a>`)
    .join(" · ");
  const body =
    skipLink(locale) +
    `<main id="main" class="statement"><h1>${escapeHtml(t.title)}</h1><p>${escapeHtml(t.intro)}</p>` +
    `<h2>${escapeHtml(t.standardTitle)}</h2><p>${escapeHtml(t.standard)}</p>` +
    `<h2>${escapeHtml(t.testedTitle)}</h2>${list(t.tested)}` +
    `<h2>${escapeHtml(t.notYetTitle)}</h2>${list(t.notYet)}` +
    `<h2>${escapeHtml(t.reportTitle)}</h2><p>${report}</p><p>${escapeHtml(t.complaint)}</p>` +
    `<p>${escapeHtml(t.made(formatDate(locale, MADE, timeZone)))}</p><p class="note">${langs}</p></main>${footer(locale)}`;
  return page({ locale, title: t.title, styles: [], script: null, body });
}
