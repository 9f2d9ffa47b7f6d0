import { CSV_COLUMNS } from "../core/org-import";

/**
 * A deterministic synthetic organization as org-import CSV: for the demo,
 * tests and benchmarks. Names carry Norwegian letters on purpose.
 */
export interface SyntheticOrgOptions {
  people: number;
  units: number;
  levels: number;
  orgName?: string;
  seed?: number;
}

const FIRST = [
  "Åse",
  "Ørjan",
  "Kari",
  "Ola",
  "Bjørn",
  "Sølvi",
  "Håkon",
  "Ingrid",
  "Jørgen",
  "Siv",
  "Trond",
  "Mari",
  "Øystein",
  "Line",
  "Pål",
  "Ragnhild",
  "Ærlend",
  "Nora",
  "Espen",
  "Tove",
];
const LAST = [
  "Nordmann",
  "Bråten",
  "Sæther",
  "Løvås",
  "Haugen",
  "Ødegård",
  "Kvåle",
  "Dahl",
  "Strøm",
  "Berg",
  "Aas",
  "Fjæreide",
  "Lie",
  "Myhre",
  "Græsdal",
  "Holm",
];
const UNIT_WORDS = [
  "Helse og omsorg",
  "Oppvekst",
  "Teknisk drift",
  "Økonomi, lønn og regnskap",
  "Kultur",
  "Skole",
  "Barnehage",
  "Sykehjem",
  "Hjemmetjeneste",
  "Plan og bygg",
  "Vann og avløp",
  "Service",
  "Innkjøp",
  "IT",
  "Personal",
];

/** Small seeded PRNG (mulberry32) so every run yields the same organization. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function csvField(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

/** Unit paths: a top unit, then a tree filled breadth-first down to `levels` levels. */
function syntheticUnits(opts: SyntheticOrgOptions): string[][] {
  const top = opts.orgName ?? "Fjordvik kommune";
  const units: string[][] = [[top]];
  const perLevel = Math.max(2, Math.ceil(opts.units ** (1 / Math.max(1, opts.levels - 1))));
  let frontier: string[][] = [[top]];
  while (units.length < opts.units && frontier.length > 0) {
    const next: string[][] = [];
    for (const parent of frontier) {
      if (parent.length >= opts.levels) continue;
      for (let i = 0; i < perLevel && units.length < opts.units; i++) {
        const word = UNIT_WORDS[(units.length + i) % UNIT_WORDS.length] ?? "Enhet";
        const child = [...parent, `${word} ${units.length}`];
        units.push(child);
        next.push(child);
      }
    }
    frontier = next;
  }
  return units;
}

/** The org CSV text, with one leader per unit and a few HR and union reps. */
export function syntheticOrgCsv(opts: SyntheticOrgOptions): string {
  const random = rng(opts.seed ?? 1);
  const units = syntheticUnits(opts);
  const lines = [CSV_COLUMNS.join(",")];
  for (let i = 0; i < opts.people; i++) {
    const first = FIRST[Math.floor(random() * FIRST.length)] ?? "Ola";
    const last = LAST[Math.floor(random() * LAST.length)] ?? "Nordmann";
    // The first person per unit leads it; the rest spread over all units.
    const unit = i < units.length ? units[i] : units[Math.floor(random() * units.length)];
    const path = (unit ?? units[0] ?? []).join(" > ");
    const leaderOf = i < units.length ? path : "";
    const roles = i % 97 === 5 ? "hr" : i % 89 === 7 ? "union_rep;safety_rep" : "";
    const locale = i % 10 === 3 ? "nn" : i % 10 === 7 ? "en" : "";
    const tz = i % 50 === 9 ? "America/New_York" : "";
    const email = `${first}.${last}.${i}@fjordvik.example`
      .toLowerCase()
      .replace(/å/g, "aa")
      .replace(/ø/g, "o")
      .replace(/æ/g, "ae");
    const slack = `U${(100000 + i).toString(36).toUpperCase()}`;
    lines.push([email, `${first} ${last}`, path, leaderOf, roles, slack, "", locale, tz].map(csvField).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}

const POSITION_TYPES = ["Sykepleier", "Helsefagarbeider", "Lærer", "Saksbehandler", "Fagarbeider"];

/**
 * The same CSV with two background variables (attr:position_type, attr:full_time), given by line so the
 * other columns and the random sequence stay as they were: the demo's breakdown by background has cells
 * large enough to show and a small one that stays hidden. Every tenth person has no position type.
 */
export function withBackgroundColumns(csv: string): string {
  const [header, ...rows] = csv.split("\r\n");
  const lines = rows.filter((r) => r !== "");
  const position = (i: number) => (i % 10 === 9 ? "" : (POSITION_TYPES[(i * 7) % 11 < 4 ? 0 : i % 5] ?? ""));
  const fullTime = (i: number) => (i % 3 === 2 ? "deltid" : "heltid");
  const out = lines.map((line, i) => `${line},,,${csvField(position(i))},${fullTime(i)}`);
  return `${[`${header},phone,channel,attr:position_type,attr:full_time`, ...out].join("\r\n")}\r\n`;
}
