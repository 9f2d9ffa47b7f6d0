import type { Locale } from "../core/locale";
import { closesAt, rotateItems } from "../core/round";
import { getInstrument } from "../db/instrument-store";
import type { Db } from "../db/open";
import { orgTimeZone } from "../db/org-store";
import type { SeriesRow } from "../db/schema";
import { catalogs, formatDateTime } from "./catalog";
import type { BotMessage } from "./message";
import { invitationMessage } from "./survey-messages";

/**
 * The first message a round of this series would send, opened now, in the
 * given language: the same function the live invitation uses. (Follow-up
 * questions on last time's plan are added per unit at open, so not here.)
 */
export function invitationPreview(db: Db, s: SeriesRow, locale: Locale, anonymityMin: number, now: Date): BotMessage {
  const { instrument } = getInstrument(db, s.instrumentId);
  const tz = orgTimeZone(db);
  const all = instrument.factors.flatMap((f) => f.items.map((i) => i.id));
  const itemIds = rotateItems(all, s.itemsPerRound, 1);
  const view = { roundId: "preview", instrument, locale, t: catalogs[locale], itemIds };
  const deadline = formatDateTime(closesAt(now, s.openDays, tz), locale, tz);
  return invitationMessage(view, { kind: "invite", seriesName: s.name, deadline, anonymityMin });
}
