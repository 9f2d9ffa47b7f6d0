import { stringify } from "csv-stringify/sync";
import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { formulaSafeRows } from "../core/csv-cell";
import { PulsenError } from "../core/errors";
import type { Locale } from "../core/locale";
import { getInstrument } from "../db/instrument-store";
import type { Store } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import { rounds, units } from "../db/schema";
import { findPlan, type PlanView } from "./plans";

/** A plan as a report: CSV for spreadsheets, and a printable HTML page (print to PDF from the browser). */
export type ExportFormat = "csv" | "html";

const WORDS: Record<
  Locale,
  {
    title: string;
    preserve: string;
    improve: string;
    focus: string;
    measure: string;
    area: string;
    responsible: string;
    deadline: string;
    status: string;
    none: string;
    progress: (d: number, t: number) => string;
    statuses: Record<string, string>;
  }
> = {
  nb: {
    title: "Tiltaksplan",
    preserve: "bevare",
    improve: "forbedre",
    focus: "Fokusområder",
    measure: "Tiltak",
    area: "Område",
    responsible: "Ansvarlig",
    deadline: "Frist",
    status: "Status",
    none: "Ingen tiltak ennå.",
    progress: (d, t) => `${d} av ${t} tiltak gjennomført`,
    statuses: { not_started: "Ikke startet", in_progress: "Påbegynt", done: "Gjennomført" },
  },
  nn: {
    title: "Tiltaksplan",
    preserve: "halde på",
    improve: "forbetre",
    focus: "Fokusområde",
    measure: "Tiltak",
    area: "Område",
    responsible: "Ansvarleg",
    deadline: "Frist",
    status: "Status",
    none: "Ingen tiltak enno.",
    progress: (d, t) => `${d} av ${t} tiltak gjennomførte`,
    statuses: { not_started: "Ikkje starta", in_progress: "Påbyrja", done: "Gjennomført" },
  },
  en: {
    title: "Action plan",
    preserve: "preserve",
    improve: "improve",
    focus: "Focus areas",
    measure: "Measure",
    area: "Area",
    responsible: "Responsible",
    deadline: "Deadline",
    status: "Status",
    none: "No measures yet.",
    progress: (d, t) => `${d} of ${t} measures done`,
    statuses: { not_started: "Not started", in_progress: "In progress", done: "Done" },
  },
};

const escapeHtml = (s: string) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

export function exportPlan(
  store: Store,
  roundId: string,
  unitPath: string,
  format: ExportFormat,
  locale: Locale,
  now: Date,
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
  const day = (iso: string) => DateTime.fromISO(iso, { zone }).toISODate() ?? iso;
  const w = WORDS[locale];
  const focus = plan.focus.map((f) => `${factorName(f.factorId)} (${w[f.kind]})`).join("; ");

  if (format === "csv") {
    const rows = plan.measures.map((m) => [
      plan.unit,
      plan.series,
      focus,
      m.text,
      factorName(m.factorId),
      m.responsible?.name ?? "",
      day(m.deadline),
      m.status,
      day(m.updatedAt),
    ]);
    const body = stringify(
      formulaSafeRows([
        ["unit", "series", "focus_areas", "measure", "area", "responsible", "deadline", "status", "updated"],
        ...rows,
      ]),
    );
    return { plan, body, contentType: "text/csv; charset=utf-8" };
  }
  const rows = plan.measures
    .map(
      (m) =>
        `<tr><td>${escapeHtml(m.text)}</td><td>${escapeHtml(factorName(m.factorId))}</td><td>${escapeHtml(m.responsible?.name ?? "–")}</td><td>${escapeHtml(day(m.deadline))}</td><td>${escapeHtml(w.statuses[m.status] ?? m.status)}</td></tr>`,
    )
    .join("\n");
  const body = `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><title>${escapeHtml(`${w.title}: ${plan.unit}`)}</title>
<style>body{font-family:system-ui,sans-serif;margin:2rem;color:#1f2933}table{border-collapse:collapse;width:100%}th,td{border-bottom:1px solid #ccd;padding:.4rem;text-align:left;vertical-align:top}@media print{body{margin:0}}</style></head>
<body>
<h1>${escapeHtml(`${w.title}: ${plan.unit}`)}</h1>
<p>${escapeHtml(plan.series)} · ${escapeHtml(w.progress(plan.progress.done, plan.progress.total))}</p>
<h2>${escapeHtml(w.focus)}</h2>
<ul>${plan.focus.map((f) => `<li>${escapeHtml(factorName(f.factorId))} (${escapeHtml(w[f.kind])})</li>`).join("")}</ul>
<h2>${escapeHtml(w.measure)}</h2>
${plan.measures.length === 0 ? `<p>${escapeHtml(w.none)}</p>` : `<table><thead><tr><th>${escapeHtml(w.measure)}</th><th>${escapeHtml(w.area)}</th><th>${escapeHtml(w.responsible)}</th><th>${escapeHtml(w.deadline)}</th><th>${escapeHtml(w.status)}</th></tr></thead><tbody>\n${rows}\n</tbody></table>`}
</body></html>
`;
  return { plan, body, contentType: "text/html; charset=utf-8" };
}
