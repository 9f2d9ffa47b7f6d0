import type { PulsenErrorCode } from "../error-code";
import type { FieldRule, Problem, ProblemKind } from "../problem";

/** One language's words for every problem: a missing kind is a type error, not an English fallback. */
export type ProblemTexts = {
  [K in ProblemKind]: (p: Extract<Problem, { kind: K }>) => string;
} & {
  rule: (r: FieldRule) => string;
  /** "line 36: …" */
  line: (n: number, text: string) => string;
  /** After the listed lines of a file with many more. */
  more: (n: number) => string;
  /** When an error has no problem of its own: its code, said plainly. */
  code: Record<PulsenErrorCode, string>;
};
