import type { LinkPageTexts, LinkPort, WebchatEntry } from "../../src/bot/port";
import type { Locale } from "../../src/core/locale";
import { escapeHtml, page, renderMessage } from "./render";

const linkPath = (token: string) => `/l/${encodeURIComponent(token)}`;

/** The link's GET: the round, why it is safe to answer, and one button that posts (a GET starts nothing). */
export function landingPage(
  t: LinkPageTexts,
  view: { round: string; deadline: string | null; locale: Locale },
  token: string,
  started: boolean,
): string {
  const deadline = view.deadline === null ? "" : `<p>${escapeHtml(t.deadline(view.deadline))}</p>`;
  const start =
    `<form method="post" action="${escapeHtml(linkPath(token))}" class="actions">` +
    `<button class="btn primary">${escapeHtml(started ? t.resume : t.start)}</button></form>`;
  const body =
    `<h1>${escapeHtml(view.round)}</h1><section class="msg"><p>${escapeHtml(t.intro)}</p>${deadline}${start}` +
    `<p class="context">${escapeHtml(t.personal)}</p></section>`;
  return page(`${view.round} – Pulsen`, body, "", view.locale);
}

/** The conversation so far, its buttons posting back to the link. */
export function conversationPage(
  view: { round: string; locale: Locale },
  token: string,
  entries: WebchatEntry[],
): string {
  const postTo = `${linkPath(token)}/act`;
  const html = entries.map((e) => renderMessage(e.message, { postTo, messageId: e.id })).join("");
  return page(`${view.round} – Pulsen`, `<h1>${escapeHtml(view.round)}</h1>${html}`, "", view.locale);
}

export function closedPage(t: LinkPageTexts, view: { round: string; locale: Locale }): string {
  const body = `<h1>${escapeHtml(t.closedTitle)}</h1><p>${escapeHtml(t.closedText(view.round))}</p>`;
  return page(`${t.closedTitle} – Pulsen`, body, "", view.locale);
}

/**
 * An unknown link has no person and so no language: bokmål, with one line in English. The page is the
 * same for every unknown link, so it never tells whether a person or a round exists.
 */
function withoutPerson(
  texts: LinkPort["texts"],
  title: (t: LinkPageTexts) => string,
  text: (t: LinkPageTexts) => string,
) {
  const nb = texts("nb");
  const en = texts("en");
  const body =
    `<h1>${escapeHtml(title(nb))}</h1><p>${escapeHtml(text(nb))}</p>` +
    `<p lang="en">${escapeHtml(title(en))}. ${escapeHtml(text(en))}</p>`;
  return page(`${title(nb)} – Pulsen`, body, "", "nb");
}

export const unknownPage = (texts: LinkPort["texts"]) =>
  withoutPerson(
    texts,
    (t) => t.unknownTitle,
    (t) => t.unknownText,
  );

export const tooManyPage = (texts: LinkPort["texts"]) =>
  withoutPerson(
    texts,
    (t) => t.tooManyTitle,
    (t) => t.tooManyText,
  );

export function notUnderstoodPage(t: LinkPageTexts, locale: Locale, token: string): string {
  const body =
    `<h1>${escapeHtml(t.notUnderstoodTitle)}</h1><p>${escapeHtml(t.notUnderstoodText)}</p>` +
    `<p><a href="${escapeHtml(linkPath(token))}/chat">${escapeHtml(t.backToSurvey)}</a></p>`;
  return page(`${t.notUnderstoodTitle} – Pulsen`, body, "", locale);
}
