// @ts-check
// Builds DOM nodes. Text always goes in as text nodes, never as HTML, so a
// comment or a unit name can never inject markup (DESIGN.md rule 7).
import { formatPercent } from "./i18n.js";

/** @typedef {Node | string | number | null | undefined | false} Child null, undefined and false are left out */
/** @typedef {{ [K in keyof HTMLElementEventMap as `on${K}`]?: (e: HTMLElementEventMap[K]) => unknown }} Handlers */
/**
 * @typedef {string | number | boolean | null | undefined | Partial<CSSStyleDeclaration> | ((e: never) => unknown)
 * } AttrValue
 */
/** @typedef {Handlers & { [attr: string]: AttrValue }} Attrs */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attrs} [attrs]
 * @param {...(Child | readonly Child[])} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    // Handlers says which event each `on…` listener gets.
    const listener = typeof v === "function" ? /** @type {EventListener} */ (v) : null;
    if (k.startsWith("on") && listener) el.addEventListener(k.slice(2), listener);
    else if (k === "class") el.className = String(v);
    else if (k === "style" && typeof v === "object") Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  // A table's scrolling frame is reachable by keyboard, so a phone's arrow keys can scroll it (WCAG 2.1.1).
  if (el.classList.contains("table-wrap") && !el.hasAttribute("tabindex")) el.setAttribute("tabindex", "0");
  return el;
}

/**
 * @template {Node} E
 * @param {E} el
 */
function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/**
 * Replaces an element's content; null and false children are left out (append would print "null").
 * @template {Element} E
 * @param {E} el
 * @param {...(Child | readonly Child[])} children
 */
export function put(el, ...children) {
  clear(el);
  for (const c of children.flat()) {
    if (c !== null && c !== undefined && c !== false) el.append(typeof c === "number" ? String(c) : c);
  }
  return el;
}

/** @param {number} share 0–1 */
export function pct(share) {
  return formatPercent(share);
}

/**
 * A 1–5 distribution as one stacked bar, with the shares as its accessible label.
 * @param {readonly number[]} dist shares 0–1
 * @param {readonly string[]} labels
 */
export function distributionBar(dist, labels) {
  const title = dist.map((s, i) => `${labels[i]}: ${pct(s)}`).join(", ");
  return h(
    "div",
    { class: "dist", role: "img", "aria-label": title, title },
    dist.map((s, i) => h("span", { class: `dist-${i + 1}`, style: { width: `${(s * 100).toFixed(1)}%` } })),
  );
}

/** @param {number | null | undefined} score 0–100 */
export function scoreClass(score) {
  if (score === null || score === undefined) return "score-none";
  if (score >= 75) return "score-high";
  if (score >= 60) return "score-good";
  if (score >= 50) return "score-mid";
  return "score-low";
}
