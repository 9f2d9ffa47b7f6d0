// @ts-check
// The page around the dashboard's views: its language (`lang`, the skip link, the footer's link to the
// accessibility statement) and the header's language switch.
import { api, useLanguage } from "./api.js";
import { h } from "./dom.js";
import { texts, useLocale } from "./i18n.js";

/**
 * The page's own words and language: `lang`, the skip link, the footer's link to the accessibility statement.
 * @param {import("../api-types").Locale} locale
 */
export function dressPage(locale) {
  const t = texts[locale];
  useLocale(locale);
  document.documentElement.lang = locale;
  document.title = t.title;
  const skip = document.getElementById("skip");
  if (skip) skip.textContent = t.skipToContent;
  const statement = document.getElementById("statement");
  if (statement) {
    statement.textContent = t.statementLink;
    statement.setAttribute("href", `/tilgjengelighet?lang=${locale}`);
  }
}

/**
 * The language switch: remembered on the server for the person's next sign-in, then the page again.
 * @param {import("../api-types").Locale} locale
 */
export function languageSwitch(locale) {
  const t = texts[locale];
  const names = { nb: "Bokmål", nn: "Nynorsk", en: "English" };
  /** @type {HTMLSelectElement} */
  const select = h(
    "select",
    {
      id: "lang-select",
      onchange: async () => {
        const chosen = /** @type {import("../api-types").Locale} */ (select.value);
        await api("POST", "/me/locale", { locale: chosen });
        useLanguage(chosen);
        location.reload();
      },
    },
    /** @type {const} */ (["nb", "nn", "en"]).map((l) =>
      h("option", { value: l, lang: l, selected: l === locale }, names[l]),
    ),
  );
  return h("label", { class: "lang-pick" }, `${t.language} `, select);
}
