import { eq } from "drizzle-orm";
import type { Clock } from "../core/clock";
import { getInstrument } from "../db/instrument-store";
import type { Db } from "../db/open";
import { getOrganization } from "../db/org-store";
import { personSettings } from "../db/person-settings";
import { rounds } from "../db/schema";
import type { Intent } from "../jobs/sender";
import { catalogs } from "./catalog";

/** Long organization names are cut so that the text before the link stays within one SMS segment. */
const ORG_MAX = 40;

/** "7. des., 17:00" in the person's zone; Intl's no-break spaces become plain ones (they are not GSM-7). */
function shortDateTime(at: Date, locale: string, timeZone: string): string {
  const tag = locale === "en" ? "en-GB" : locale === "nn" ? "nn-NO" : "nb-NO";
  const opts = { day: "numeric", month: "short", hour: "2-digit", minute: "2-digit", timeZone } as const;
  return new Intl.DateTimeFormat(tag, opts).format(at).replace(/\s/gu, " ");
}

/**
 * What an SMS says for an outbox intent, in the person's language (src/bot/catalog, `sms…`): the
 * invitation and the reminder with their personal link; anything else only that there is something new,
 * with `url` the dashboard. Null when the round is gone. Never an answer, a figure or a name.
 */
export function smsText(db: Db, clock: Clock, intent: Intent, personId: string, url: string): string | null {
  const { locale, timezone } = personSettings(db, personId);
  const t = catalogs[locale];
  const name = getOrganization(db)?.name ?? "Pulsen";
  const org = name.length > ORG_MAX ? name.slice(0, ORG_MAX).trimEnd() : name;
  if (intent.kind !== "invite" && intent.kind !== "remind") return t.smsNews(org, url);
  const round = db.select().from(rounds).where(eq(rounds.id, intent.roundId)).get();
  if (round === undefined || round.instrumentVersion === null) return null;
  const { instrument } = getInstrument(db, round.instrumentId, round.instrumentVersion);
  // The same estimate as the chat invitation's (src/bot/survey-messages.ts): the instrument's time, pro rata.
  const all = instrument.factors.reduce((sum, f) => sum + f.items.length, 0);
  const n = round.itemIds?.length ?? all;
  const minutes = Math.max(1, Math.round((instrument.minutes * n) / Math.max(1, all)));
  const until = shortDateTime(round.closesAt ?? clock.now(), locale, timezone);
  return intent.kind === "invite" ? t.smsInvite(org, minutes, until, url) : t.smsRemind(org, minutes, until, url);
}
