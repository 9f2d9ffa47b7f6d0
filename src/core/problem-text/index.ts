import type { Locale } from "../locale";
import type { PulsenErrorCode } from "../error-code";
import type { LineProblem, Problem } from "../problem";
import { en } from "./en";
import { nb } from "./nb";
import { nn } from "./nn";
import type { ProblemTexts } from "./types";

const texts: Record<Locale, ProblemTexts> = { nb, nn, en };

/** A problem in the reader's words. */
export function sayProblem(p: Problem, locale: Locale): string {
  const say = texts[locale][p.kind] as (p: Problem) => string;
  return say(p);
}

/** A file's bad lines in the reader's words; `omitted` lines beyond those listed get one closing line. */
function sayLines(lines: readonly LineProblem[], omitted: number, locale: Locale): string[] {
  const t = texts[locale];
  const said = lines.map((l) => t.line(l.line, sayProblem(l.problem, locale)));
  return omitted > 0 ? [...said, t.more(omitted)] : said;
}

/** An error's lines or problems as its detail lines, in the reader's words; null when it has neither. */
export function sayDetails(
  err: { lines: readonly LineProblem[]; omitted: number; problems: readonly Problem[] },
  locale: Locale,
): string[] | null {
  if (err.lines.length > 0) return sayLines(err.lines, err.omitted, locale);
  if (err.problems.length > 0) return err.problems.map((p) => sayProblem(p, locale));
  return null;
}

/** An error for its reader: its problem in their words; an operator's (English) message only to English readers. */
export function sayError(
  err: {
    code: PulsenErrorCode;
    message: string;
    problem: Problem | null;
    lines: readonly LineProblem[];
    omitted: number;
    problems: readonly Problem[];
    details: readonly string[];
  },
  locale: Locale,
): { message: string; details: readonly string[] } {
  if (locale === "en") return { message: err.message, details: err.details };
  const message = err.problem === null ? texts[locale].code[err.code] : sayProblem(err.problem, locale);
  const details = sayDetails(err, locale) ?? err.details;
  return { message, details };
}

export function sayCode(code: PulsenErrorCode, locale: Locale): string {
  return texts[locale].code[code];
}
