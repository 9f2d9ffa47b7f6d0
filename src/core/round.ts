import { DateTime } from "luxon";

/** A round moves one way only: scheduled → open → closed. */
export type RoundStatus = "scheduled" | "open" | "closed";

/**
 * Days are calendar days in the organization's zone, so a 14-day round
 * opened Monday 09:00 closes Monday 09:00 two weeks later even across DST.
 */
export function addDays(at: Date, days: number, timeZone: string): Date {
  return DateTime.fromJSDate(at, { zone: timeZone }).plus({ days }).toJSDate();
}

export function closesAt(openedAt: Date, openDays: number, timeZone: string): Date {
  return addDays(openedAt, openDays, timeZone);
}

/** When each reminder falls due; offsets at or after the close are dropped. */
export function reminderTimes(
  openedAt: Date,
  reminderDays: readonly number[],
  openDays: number,
  timeZone: string,
): Date[] {
  return [...reminderDays]
    .filter((d) => d > 0 && d < openDays)
    .sort((a, b) => a - b)
    .map((d) => addDays(openedAt, d, timeZone));
}

/**
 * The statements a round asks. With a subset size, rounds walk through the
 * instrument in order and wrap around, so every statement gets asked in turn.
 */
export function rotateItems(
  allItemIds: readonly string[],
  itemsPerRound: number | null,
  roundNumber: number,
): string[] {
  if (itemsPerRound === null || itemsPerRound >= allItemIds.length) return [...allItemIds];
  const start = ((roundNumber - 1) * itemsPerRound) % allItemIds.length;
  const picked: string[] = [];
  for (let i = 0; i < itemsPerRound; i++) picked.push(allItemIds[(start + i) % allItemIds.length] as string);
  return picked;
}

export type AnswerWindow =
  | { open: true }
  | { open: false; why: "not_open_yet" }
  | { open: false; why: "closed"; closedAt: Date };

/** Whether a round takes answers now. A round past its deadline is closed even before the close job has run. */
export function answerWindow(
  round: { status: RoundStatus; closesAt: Date | null; closedAt: Date | null },
  now: Date,
): AnswerWindow {
  if (round.status === "scheduled") return { open: false, why: "not_open_yet" };
  if (round.status === "closed")
    return { open: false, why: "closed", closedAt: round.closedAt ?? round.closesAt ?? now };
  if (round.closesAt !== null && now.getTime() >= round.closesAt.getTime())
    return { open: false, why: "closed", closedAt: round.closesAt };
  return { open: true };
}
