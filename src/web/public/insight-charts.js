// @ts-check
// HR's insight charts: the leadership × engagement quadrants (respondents
// per group, each count as the server let it through, and the units as
// numbered dots) and the drivers as impact against score, with the server's
// lever area marked. The tables beside them carry the same figures.
import { formatNumber } from "./i18n.js";
import { chart, labelled, s } from "./svg.js";

/** @typedef {import("./i18n.js").Texts} Texts */
/** @typedef {import("../api-types").InsightsResponse} InsightsResponse */
/** @typedef {import("../api-types").Segment} Segment */

/**
 * A domain around the values, on 0–100, so close scores do not all sit in one corner.
 * @param {number[]} values
 * @returns {[number, number]}
 */
function around(values) {
  const lo = Math.max(0, Math.floor((Math.min(...values) - 8) / 5) * 5);
  const hi = Math.min(100, Math.ceil((Math.max(...values) + 8) / 5) * 5);
  return hi - lo < 20 ? [Math.max(0, lo - 10), Math.min(100, hi + 10)] : [lo, hi];
}

/**
 * A domain centred on the organization's score, so the four quadrants are the same size.
 * @param {number} centre
 * @param {number[]} values
 * @returns {[number, number]}
 */
function centred(centre, values) {
  const span = Math.max(10, ...values.map((v) => Math.abs(v - centre))) + 6;
  return [centre - span, centre + span];
}

/**
 * @param {[number, number]} domain
 * @param {number} from pixel at domain[0]
 * @param {number} to pixel at domain[1]
 */
const scale = (domain, from, to) => (/** @type {number} */ v) =>
  from + ((v - domain[0]) / (domain[1] - domain[0] || 1)) * (to - from);

/**
 * @param {Texts} t
 * @param {InsightsResponse} data
 * @param {(id: string) => string} factorName
 * @returns {SVGElement | null}
 */
export function quadrantChart(t, data, factorName) {
  if (!Array.isArray(data.segments) || data.orgScores === null) return null;
  const org = data.orgScores;
  // The groups' names and counts sit above and below the plot, where no unit's dot can cover them.
  const W = 340;
  const H = 350;
  const P = { left: 36, right: 8, top: 44, bottom: 80 };
  const dx = centred(
    org.leadership,
    data.segments.map((u) => u.leadership),
  );
  const dy = centred(
    org.engagement,
    data.segments.map((u) => u.engagement),
  );
  const x = scale(dx, P.left, W - P.right);
  const y = scale(dy, H - P.bottom, P.top);
  const q = data.quadrants;
  const n = "n" in q ? q.n : null;
  const svg = chart(W, H, t.quadrantTitle, n === null ? t.quadrantSkipped : t.quadrantDesc(n), "quadrant-chart");
  const cx = x(org.leadership);
  const cy = y(org.engagement);
  /** @type {Record<Segment, { x: number; y: number; w: number; h: number; anchor: "start" | "end" }>} */
  const area = {
    strivers: { x: P.left, y: P.top, w: cx - P.left, h: cy - P.top, anchor: "start" },
    enthusiasts: { x: cx, y: P.top, w: W - P.right - cx, h: cy - P.top, anchor: "end" },
    backbenchers: { x: P.left, y: cy, w: cx - P.left, h: H - P.bottom - cy, anchor: "start" },
    laggards: { x: cx, y: cy, w: W - P.right - cx, h: H - P.bottom - cy, anchor: "end" },
  };
  const cells = "cells" in q ? q.cells : [];
  for (const seg of /** @type {Segment[]} */ (["strivers", "enthusiasts", "backbenchers", "laggards"])) {
    const a = area[seg];
    const cell = cells.find((c) => c.segment === seg);
    const name = t.segments[seg];
    const figure =
      cell === undefined
        ? null
        : cell.count === null || cell.share === null
          ? t.figureHidden
          : `${cell.count} (${formatNumber(cell.share * 100, 0)} %)`;
    const said =
      cell === undefined
        ? name
        : cell.count === null || cell.share === null
          ? t.quadrantHidden(name)
          : t.quadrantCell(name, cell.count, formatNumber(cell.share * 100, 0));
    const tx = a.anchor === "start" ? P.left : W - P.right;
    const top = seg === "strivers" || seg === "enthusiasts";
    const ty = top ? P.top - 24 : H - P.bottom + 32;
    svg.append(
      labelled(
        s(
          "g",
          { class: `quadrant q-${seg}` },
          s("rect", { x: a.x, y: a.y, width: Math.max(0, a.w), height: Math.max(0, a.h) }),
          s("text", { x: tx, y: ty, "text-anchor": a.anchor, class: "q-name" }, name),
          figure === null ? null : s("text", { x: tx, y: ty + 16, "text-anchor": a.anchor, class: "q-count" }, figure),
        ),
        said,
      ),
    );
  }
  svg.append(
    s("line", { x1: cx, x2: cx, y1: P.top, y2: H - P.bottom, class: "org-line", "aria-hidden": "true" }),
    s("line", { x1: P.left, x2: W - P.right, y1: cy, y2: cy, class: "org-line", "aria-hidden": "true" }),
    s(
      "text",
      { x: (P.left + W - P.right) / 2, y: H - 6, class: "axis", "text-anchor": "middle" },
      factorName("leadership"),
    ),
    s(
      "text",
      {
        x: 12,
        y: (P.top + H - P.bottom) / 2,
        class: "axis",
        "text-anchor": "middle",
        transform: `rotate(-90 12 ${(P.top + H - P.bottom) / 2})`,
      },
      factorName("engagement"),
    ),
    // Where the lines cross: the organization's own scores.
    s("text", { x: cx, y: H - P.bottom + 14, class: "axis", "text-anchor": "middle" }, formatNumber(org.leadership, 0)),
    s("text", { x: P.left - 4, y: cy + 4, class: "axis", "text-anchor": "end" }, formatNumber(org.engagement, 0)),
  );
  data.segments.forEach((u, i) => {
    const label = t.unitDot(u.unit, formatNumber(u.leadership, 0), formatNumber(u.engagement, 0));
    svg.append(
      labelled(
        s(
          "g",
          { class: "unit-dot" },
          s("circle", { cx: x(u.leadership), cy: y(u.engagement), r: 8 }),
          s("text", { x: x(u.leadership), y: y(u.engagement) + 4, "text-anchor": "middle" }, String(i + 1)),
        ),
        `${i + 1}. ${label}`,
      ),
    );
  });
  return svg;
}

/**
 * @param {Texts} t
 * @param {InsightsResponse} data
 * @param {(id: string) => string} factorName
 * @returns {SVGElement | null}
 */
export function driverChart(t, data, factorName) {
  if (!Array.isArray(data.drivers) || data.drivers.length === 0) return null;
  const points = data.drivers.flatMap((d) =>
    d.r === null || d.score === null ? [] : [{ ...d, r: d.r, score: d.score }],
  );
  const W = 340;
  const H = 260;
  const P = { left: 36, right: 8, top: 8, bottom: 36 };
  const dx = around([data.lever.score, ...points.map((p) => p.score)]);
  /** @type {[number, number]} */
  const dy = [Math.max(-1, Math.floor((Math.min(data.lever.r, ...points.map((p) => p.r)) - 0.2) * 10) / 10), 1];
  const x = scale(dx, P.left, W - P.right);
  const y = scale(dy, H - P.bottom, P.top);
  const svg = chart(W, H, t.driverChartTitle, t.driverChartDesc, "driver-chart");
  const lx = x(data.lever.score);
  const ly = y(data.lever.r);
  svg.append(
    s(
      "g",
      { class: "lever-area" },
      s("rect", { x: P.left, y: P.top, width: Math.max(0, lx - P.left), height: Math.max(0, ly - P.top) }),
      s("text", { x: P.left + 6, y: ly - 8, class: "lever-label" }, t.leverArea),
    ),
    s("line", {
      x1: P.left,
      x2: W - P.right,
      y1: H - P.bottom,
      y2: H - P.bottom,
      class: "grid",
      "aria-hidden": "true",
    }),
    s("line", { x1: P.left, x2: P.left, y1: P.top, y2: H - P.bottom, class: "grid", "aria-hidden": "true" }),
    s("text", { x: (P.left + W - P.right) / 2, y: H - 6, class: "axis", "text-anchor": "middle" }, t.score),
    s(
      "text",
      {
        x: 12,
        y: (P.top + H - P.bottom) / 2,
        class: "axis",
        "text-anchor": "middle",
        transform: `rotate(-90 12 ${(P.top + H - P.bottom) / 2})`,
      },
      t.impact,
    ),
    s("text", { x: P.left, y: H - P.bottom + 14, class: "axis", "text-anchor": "middle" }, String(dx[0])),
    s("text", { x: W - P.right, y: H - P.bottom + 14, class: "axis", "text-anchor": "end" }, String(dx[1])),
    s("text", { x: P.left - 4, y: y(dy[1]) + 10, class: "axis", "text-anchor": "end" }, formatNumber(dy[1], 1)),
    s("text", { x: P.left - 4, y: y(dy[0]), class: "axis", "text-anchor": "end" }, formatNumber(dy[0], 1)),
  );
  // Each label goes on the side of its point where it covers no other point and no earlier label (about 6.5
  // units a letter); failing both, it moves down below the last label.
  /** @type {{ x0: number; x1: number; y: number }[]} */
  const taken = [];
  const dots = points.map((p) => ({ x: x(p.score), y: y(p.r) }));
  /** @param {number} x0 @param {number} x1 @param {number} ly @param {number} self */
  const free = (x0, x1, ly, self) =>
    x0 >= P.left &&
    x1 <= W - P.right &&
    dots.every((d, j) => j === self || d.x < x0 - 8 || d.x > x1 + 8 || Math.abs(d.y - (ly - 4)) > 10) &&
    taken.every((b) => b.x1 < x0 || b.x0 > x1 || Math.abs(b.y - ly) > 13);
  points.forEach((p, i) => {
    const name = factorName(p.factor);
    const { x: px, y: py } = /** @type {{ x: number; y: number }} */ (dots[i]);
    const width = name.length * 6.5;
    let ly = py + 4;
    let right = free(px + 10, px + 10 + width, ly, i) || !free(px - 10 - width, px - 10, ly, i);
    while (!free(right ? px + 10 : px - 10 - width, right ? px + 10 + width : px - 10, ly, i) && ly < H - P.bottom) {
      ly += 13;
      right = true;
    }
    taken.push({ x0: right ? px + 10 : px - 10 - width, x1: right ? px + 10 + width : px - 10, y: ly });
    svg.append(
      labelled(
        s(
          "g",
          { class: p.lever ? "driver lever" : "driver" },
          s("circle", { cx: px, cy: py, r: p.lever ? 7 : 5 }),
          s("text", { x: right ? px + 10 : px - 10, y: ly, "text-anchor": right ? "start" : "end" }, name),
        ),
        t.driverPoint(name, formatNumber(p.r, 2), formatNumber(p.score, 0), p.n),
      ),
    );
  });
  return svg;
}
