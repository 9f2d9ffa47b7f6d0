import { readFileSync } from "node:fs";
import { join } from "node:path";
import { PulsenError } from "../core/errors";
import {
  BUILTIN_INSTRUMENT_IDS,
  type FollowUp,
  type Instrument,
  type ParseResult,
  parseFollowUp,
  parseInstrument,
} from "../core/instrument";
import { packagePath } from "../package-root";

const DATA_DIR = packagePath("src/instruments/data");

function readJson(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new PulsenError("not_found", `cannot read ${path}: ${(e as NodeJS.ErrnoException).code ?? "error"}`, [], {
      cause: e,
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch (e) {
    throw new PulsenError("input_invalid", `${path} is not valid JSON: ${(e as Error).message}`, [], { cause: e });
  }
}

function orThrow<T>(path: string, result: ParseResult<T>): T {
  if (result.ok) return result.value;
  const n = result.errors.length;
  throw new PulsenError("input_invalid", `${path}: ${n} error${n === 1 ? "" : "s"} in the instrument`, result.errors);
}

/** Reads and validates an instrument file; errors name the field. */
export function loadInstrumentFile(path: string): Instrument {
  return orThrow(path, parseInstrument(readJson(path)));
}

let builtins: Instrument[] | null = null;

/** The built-in instruments, validated once per process. */
export function builtinInstruments(): Instrument[] {
  builtins ??= BUILTIN_INSTRUMENT_IDS.map((id) => loadInstrumentFile(join(DATA_DIR, `${id}.json`)));
  return builtins;
}

let followUp: FollowUp | null = null;

/** The question asked in the round after an action plan, per focus area. */
export function followUpQuestion(): FollowUp {
  const path = join(DATA_DIR, "follow-up.json");
  followUp ??= orThrow(path, parseFollowUp(readJson(path)));
  return followUp;
}

export function isBuiltinId(id: string): boolean {
  return (BUILTIN_INSTRUMENT_IDS as readonly string[]).includes(id);
}
