/**
 * The steps of one person's survey: the round's statements, then the
 * questions about the last action plan, then the comment form. A person can
 * go back and change an answer until they send the survey (DESIGN.md, who
 * uses it); only the step on their screen takes a tap.
 */

/** The comment form's place among the steps (no statement id can look like it: ids are kebab-case). */
export const COMMENT_STEP = "_comment";

/**
 * A tap on a step this soon after it appeared is the second half of a double
 * tap that landed on the next statement: nobody reads a statement that fast.
 */
const DOUBLE_TAP_MS = 1000;

export type Step = string;

/** Where to go after an answer: the first step not answered yet, else the comment form. */
export function nextStep(steps: readonly string[], answered: ReadonlySet<string>): Step {
  return steps.find((s) => !answered.has(s)) ?? COMMENT_STEP;
}

/** The step before this one (the comment form's is the last question); null at the first. */
export function previousStep(steps: readonly string[], current: Step): Step | null {
  const at = current === COMMENT_STEP ? steps.length : steps.indexOf(current);
  return at > 0 ? (steps[at - 1] ?? null) : null;
}

/**
 * The step on the person's screen: the one last shown, as long as it is
 * still part of the survey; otherwise where they left off.
 */
export function currentStep(steps: readonly string[], answered: ReadonlySet<string>, shown: Step | null): Step {
  if (shown !== null && (shown === COMMENT_STEP || steps.includes(shown))) return shown;
  return nextStep(steps, answered);
}

/** A tap that came too soon after its step appeared (see DOUBLE_TAP_MS). */
export function isDoubleTap(shownAt: Date | null, now: Date): boolean {
  if (shownAt === null) return false;
  const since = now.getTime() - shownAt.getTime();
  // A clock set back must not refuse every tap until it catches up.
  return since >= 0 && since < DOUBLE_TAP_MS;
}
