import { readFileSync } from "node:fs";
import { stringify } from "csv-stringify/sync";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { formulaSafeRows } from "../core/csv-cell";
import { PulsenError } from "../core/errors";
import type { Locale } from "../core/locale";
import { isOverdue } from "../core/plan";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { rounds, units } from "../db/schema";
import { packagePath } from "../package-root";
import { REPORT_WORDS } from "./export-words";
import { findPlan, type PlanView } from "./plans";

/** A plan as a report: CSV for spreadsheets, and a printable HTML page (print to PDF from the browser). */
export type ExportFormat = "csv" | "html";

/** The stylesheet as the web app serves it (src/web/public/plan-report.css). */
const REPORT_STYLESHEET = "/assets/plan-report.css";

interface ExportOptions {
  /**
   * How the printable page gets its styles: a link to the app's own stylesheet (the web app: the Teams tab's
   * CSP allows only same-origin styles), or the same rules inline (the CLI's file, opened from disk).
   */
  styles?: "link" | "inline";
}

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

const INTL: Record<Locale, string> = { nb: "nb-NO", nn: "nn-NO", en: "en-GB" };

export function exportPlan(
  store: Store,
  roundId: string,
  unitPath: string,
  format: ExportFormat,
  locale: Locale,
  now: Date,
  opts: ExportOptions = {},
): { plan: PlanView; body: string; contentType: string } {
  const unit = store.select({ id: units.id }).from(units).where(eq(units.path, unitPath.trim())).get();
  if (unit === undefined) throw new PulsenError("not_found", `no unit "${unitPath}" (see: pulsen org show)`);
  const plan = findPlan(store, roundId, unit.id, now);
  if (plan === null) throw new PulsenError("not_found", `${unitPath} has no action plan for round ${roundId}`);
  const round = store.select().from(rounds).where(eq(rounds.id, roundId)).get()!;
  const { instrument } = getInstrument(store, round.instrumentId, round.instrumentVersion ?? undefined);
  const factorName = (id: string | null) =>
    id === null ? "" : (instrument.factors.find((f) => f.id === id)?.name[locale] ?? id);
  const zone = orgTimeZone(store);
  const isoDay = (iso: string) => DateTime.fromISO(iso, { zone }).toISODate() ?? iso;
  const w = REPORT_WORDS[locale];
  const kindOf = (factorId: string | null) => plan.focus.find((f) => f.factorId === factorId)?.kind ?? null;
  const statusText = (m: PlanView["measures"][number]) => {
    const late = isOverdue({ status: m.status, deadline: new Date(m.deadline) }, now);
    return late ? `${w.statuses[m.status]} (${w.overdue})` : w.statuses[m.status];
  };

  if (format === "csv") {
    const focus = plan.focus.map((f) => `${factorName(f.factorId)} (${w[f.kind]})`).join("; ");
    const rows = plan.measures.map((m) => {
      const kind = kindOf(m.factorId);
      return [
        plan.unit,
        plan.series,
        focus,
        m.text,
        factorName(m.factorId),
        m.responsible?.name ?? "",
        isoDay(m.deadline),
        m.status,
        isoDay(m.updatedAt),
        kind === null ? "" : w[kind],
        statusText(m),
      ];
    });
    const header = ["unit", "series", "focus_areas", "measure", "area", "responsible", "deadline", "status", "updated"];
    // Norwegian Excel opens a double-clicked file as UTF-8 only with a BOM, and splits columns on ";".
    const body = stringify(formulaSafeRows([[...header, "area_kind", "status_text"], ...rows]), {
      bom: true,
      delimiter: ";",
    });
    return { plan, body, contentType: "text/csv; charset=utf-8" };
  }
  const date = new Intl.DateTimeFormat(INTL[locale], { dateStyle: "long", timeZone: zone });
  const day = (iso: string) => date.format(new Date(iso));
  const statusClass = (m: PlanView["measures"][number]) =>
    m.status === "done"
      ? "status-done"
      : isOverdue({ status: m.status, deadline: new Date(m.deadline) }, now)
        ? "status-overdue"
        : "";
  const cell = (s: string, cls = "") => `<td${cls ? ` class="${cls}"` : ""}>${escapeHtml(s)}</td>`;
  const rows = plan.measures
    .map((m) => {
      const kind = kindOf(m.factorId);
      const area = m.factorId === null ? "–" : `${factorName(m.factorId)}${kind === null ? "" : ` (${w[kind]})`}`;
      return `<tr>${cell(area)}${cell(m.text)}${cell(m.responsible?.name ?? "–")}${cell(day(m.deadline))}${cell(statusText(m), statusClass(m))}</tr>`;
    })
    .join("\n");
  const styles =
    opts.styles === "link"
      ? `<link rel="stylesheet" href="${REPORT_STYLESHEET}">`
      : `<style>${readFileSync(packagePath("src/web/public/plan-report.css"), "utf8")}</style>`;
  const title = `${w.title}: ${plan.unit}`;
  const head = [w.area, w.measure, w.responsible, w.deadline, w.status].map(
    (c) => `<th scope="col">${escapeHtml(c)}</th>`,
  );
  const body = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(title)}</title>
${styles}</head>
<body class="plan-report">
<h1>${escapeHtml(title)}</h1>
<p class="meta">${escapeHtml(plan.series)} · ${escapeHtml(w.printed(date.format(now)))} · ${escapeHtml(w.progress(plan.progress.done, plan.progress.total))}</p>
<h2>${escapeHtml(w.focus)}</h2>
<ul>${plan.focus.map((f) => `<li>${escapeHtml(factorName(f.factorId))} (${escapeHtml(w[f.kind])})</li>`).join("")}</ul>
<h2>${escapeHtml(w.measures)}</h2>
${plan.measures.length === 0 ? `<p>${escapeHtml(w.none)}</p>` : `<table><thead><tr>${head.join("")}</tr></thead><tbody>\n${rows}\n</tbody></table>`}
</body></html>
`;
  return { plan, body, contentType: "text/html; charset=utf-8" };
}
