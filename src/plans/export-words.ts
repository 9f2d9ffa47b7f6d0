import type { Locale } from "../core/locale";
import type { MeasureStatus } from "../core/plan";

interface ReportWords {
  title: string;
  preserve: string;
  improve: string;
  focus: string;
  measure: string;
  measures: string;
  area: string;
  responsible: string;
  deadline: string;
  status: string;
  none: string;
  overdue: string;
  printed: (day: string) => string;
  progress: (d: number, t: number) => string;
  statuses: Record<MeasureStatus, string>;
}

/** The action report's words (NTNU's tiltaksrapport), in the reader's language. */
export const REPORT_WORDS: Record<Locale, ReportWords> = {
  nb: {
    title: "Tiltaksplan",
    preserve: "bevare",
    improve: "forbedre",
    focus: "Fokusområder",
    measure: "Tiltak",
    measures: "Tiltak",
    area: "Fokusområde",
    responsible: "Ansvarlig",
    deadline: "Frist",
    status: "Status",
    none: "Ingen tiltak ennå.",
    overdue: "over fristen",
    printed: (d) => `per ${d}`,
    progress: (d, t) => `${d} av ${t} tiltak gjennomført`,
    statuses: { not_started: "Ikke startet", in_progress: "Påbegynt", done: "Gjennomført" },
  },
  nn: {
    title: "Tiltaksplan",
    preserve: "halde på",
    improve: "forbetre",
    focus: "Fokusområde",
    measure: "Tiltak",
    measures: "Tiltak",
    area: "Fokusområde",
    responsible: "Ansvarleg",
    deadline: "Frist",
    status: "Status",
    none: "Ingen tiltak enno.",
    overdue: "over fristen",
    printed: (d) => `per ${d}`,
    progress: (d, t) => `${d} av ${t} tiltak gjennomførte`,
    statuses: { not_started: "Ikkje starta", in_progress: "Påbyrja", done: "Gjennomført" },
  },
  en: {
    title: "Action plan",
    preserve: "preserve",
    improve: "improve",
    focus: "Focus areas",
    measure: "Measure",
    measures: "Measures",
    area: "Focus area",
    responsible: "Responsible",
    deadline: "Deadline",
    status: "Status",
    none: "No measures yet.",
    overdue: "overdue",
    printed: (d) => `as of ${d}`,
    progress: (d, t) => `${d} of ${t} measures done`,
    statuses: { not_started: "Not started", in_progress: "In progress", done: "Done" },
  },
};
