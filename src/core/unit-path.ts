/**
 * A unit is named by its path from the top of the organization:
 * "Seljord kommune > Helse og omsorg > Sykehjemmet".
 */
const PATH_SEPARATOR = " > ";

export type UnitPath = readonly string[];

export type ParsedPath = { ok: true; path: UnitPath } | { ok: false; reason: "empty" | "empty_segment" };

/** Splits on ">" with any spacing; collapses runs of whitespace inside a segment. */
export function parseUnitPath(text: string): ParsedPath {
  if (text.trim() === "") return { ok: false, reason: "empty" };
  const segments = text.split(">").map((s) => s.trim().replace(/\s+/g, " "));
  if (segments.some((s) => s === "")) return { ok: false, reason: "empty_segment" };
  return { ok: true, path: segments };
}

export function formatUnitPath(path: UnitPath): string {
  return path.join(PATH_SEPARATOR);
}

/** The path itself and every ancestor, top first: [A], [A,B], [A,B,C]. */
export function pathWithAncestors(path: UnitPath): UnitPath[] {
  return path.map((_, i) => path.slice(0, i + 1));
}

export function parentPath(path: UnitPath): UnitPath | null {
  return path.length > 1 ? path.slice(0, -1) : null;
}
