// Builds DOM nodes. Text always goes in as text nodes, never as HTML, so a
// comment or a unit name can never inject markup (DESIGN.md rule 7).
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith("on") && typeof v === "function") el.addEventListener(k.slice(2), v);
    else if (k === "class") el.className = v;
    else if (k === "style" && typeof v === "object") Object.assign(el.style, v);
    else el.setAttribute(k, v === true ? "" : String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces an element's content; null and false children are left out (append would print "null"). */
export function put(el, ...children) {
  clear(el);
  for (const c of children.flat()) if (c !== null && c !== undefined && c !== false) el.append(c);
  return el;
}

export function pct(share) {
  return `${Math.round(share * 100)} %`;
}

/** A 1–5 distribution as one stacked bar, with the shares as its accessible label. */
export function distributionBar(dist, labels) {
  const title = dist.map((s, i) => `${labels[i]}: ${pct(s)}`).join(", ");
  return h(
    "div",
    { class: "dist", role: "img", "aria-label": title, title },
    dist.map((s, i) => h("span", { class: `dist-${i + 1}`, style: { width: `${(s * 100).toFixed(1)}%` } })),
  );
}

export function scoreClass(score) {
  if (score === null || score === undefined) return "score-none";
  if (score >= 75) return "score-high";
  if (score >= 60) return "score-good";
  if (score >= 50) return "score-mid";
  return "score-low";
}
