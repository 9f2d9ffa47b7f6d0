import type { Locale } from "../core/locale";

/** The frame of the pages the server writes itself (the printable report, the accessibility statement). */
/** Text into HTML: every page the server writes puts what people typed (unit names, series) through this. */
export const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const STATEMENT_LINK: Record<Locale, string> = {
  nb: "Tilgjengelighetserklæring",
  nn: "Tilgjengelegheitserklæring",
  en: "Accessibility statement",
};

const SKIP: Record<Locale, string> = { nb: "Hopp til innholdet", nn: "Hopp til innhaldet", en: "Skip to content" };

/** The first thing a keyboard reaches: straight past the header to the page's content. */
export function skipLink(locale: Locale): string {
  return `<a class="skip" href="#main">${escapeHtml(SKIP[locale])}</a>`;
}

/** Every page's footer: the way to the accessibility statement, in the page's language. */
export function footer(locale: Locale): string {
  return `<footer class="foot"><a href="/tilgjengelighet?lang=${locale}">${escapeHtml(STATEMENT_LINK[locale])}</a></footer>`;
}

export function page(o: {
  locale: Locale;
  title: string;
  styles: string[];
  script: string | null;
  body: string;
}): string {
  const styles = ["dashboard.css", ...o.styles].map((s) => `<link rel="stylesheet" href="/assets/${s}">`).join("");
  const script = o.script === null ? "" : `<script type="module" src="/assets/${o.script}"></script>`;
  return (
    `<!doctype html><html lang="${o.locale}"><head><meta charset="utf-8">` +
    `<meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(o.title)}</title>` +
    `<link rel="icon" href="data:,">${styles}${script}</head><body>${o.body}</body></html>`
  );
}
