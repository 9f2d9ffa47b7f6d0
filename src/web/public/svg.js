// @ts-check
// Builds SVG nodes for the results' charts, as dom.js builds HTML: attributes
// set one by one and text only as text nodes (the CSP allows no inline style).

const NS = "http://www.w3.org/2000/svg";
let ids = 0;

/**
 * @param {string} tag
 * @param {Record<string, string | number | null | undefined>} [attrs]
 * @param {...(Node | string | null | undefined | false | readonly (Node | null | undefined | false)[])} children
 * @returns {SVGElement}
 */
export function s(tag, attrs = {}, ...children) {
  const el = /** @type {SVGElement} */ (document.createElementNS(NS, tag));
  for (const [k, v] of Object.entries(attrs)) if (v !== null && v !== undefined) el.setAttribute(k, String(v));
  for (const c of children.flat()) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === "string" ? document.createTextNode(c) : c);
  }
  return el;
}

/**
 * An <svg> that scales with its box (viewBox, no fixed width), named for screen readers by its <title> and <desc>.
 * @param {number} width
 * @param {number} height
 * @param {string} title
 * @param {string} desc
 * @param {string} cls
 */
export function chart(width, height, title, desc, cls) {
  const id = `chart-${++ids}`;
  return s(
    "svg",
    {
      viewBox: `0 0 ${width} ${height}`,
      class: `chart ${cls}`,
      role: "img",
      "aria-labelledby": `${id}-t ${id}-d`,
      preserveAspectRatio: "xMidYMid meet",
    },
    s("title", { id: `${id}-t` }, title),
    s("desc", { id: `${id}-d` }, desc),
  );
}

/**
 * A mark on a chart that a screen reader can reach on its own: its figure said in words.
 * @param {SVGElement} el
 * @param {string} label
 */
export function labelled(el, label) {
  el.setAttribute("role", "img");
  el.setAttribute("aria-label", label);
  el.append(s("title", {}, label));
  return el;
}
