import { eq } from "drizzle-orm";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from "../core/locale";
import type { Db } from "./open";
import { getOrganization, personLocale, personTimezone } from "./org-store";
import { people } from "./schema";

/**
 * A person's language and time zone, decided in one place: the CSV's, else
 * the platform profile's, else the organization's, else Pulsen's defaults.
 * `null` (a channel, nobody in particular) gets the organization's.
 */
export function personSettings(db: Db, personId: string | null): { locale: Locale; timezone: string } {
  const org = getOrganization(db);
  const p =
    personId === null
      ? undefined
      : db.select({ locale: personLocale, tz: personTimezone }).from(people).where(eq(people.id, personId)).get();
  return {
    locale: p?.locale ?? org?.defaultLocale ?? DEFAULT_LOCALE,
    timezone: p?.tz ?? org?.defaultTimezone ?? DEFAULT_TIME_ZONE,
  };
}
