import { eq, sql } from "drizzle-orm";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from "../core/locale";
import type { Db } from "./open";
import { personLocale, personTimezone } from "./org-store";
import { prepared } from "./prepared";
import { dashboardPreferences, organizations, people } from "./schema";

const org = (db: Db) =>
  db
    .select({ locale: organizations.defaultLocale, tz: organizations.defaultTimezone })
    .from(organizations)
    .limit(1)
    .prepare();
const person = (db: Db) =>
  db
    .select({ locale: personLocale, tz: personTimezone })
    .from(people)
    .where(eq(people.id, sql.placeholder("id")))
    .prepare();

/**
 * A person's language and time zone, decided in one place: the CSV's, else
 * the platform profile's, else the organization's, else Pulsen's defaults.
 * `null` (a channel, nobody in particular) gets the organization's.
 */
export function personSettings(db: Db, personId: string | null): { locale: Locale; timezone: string } {
  const o = prepared(db, org).get();
  const p = personId === null ? undefined : prepared(db, person).get({ id: personId });
  return {
    locale: p?.locale ?? o?.locale ?? DEFAULT_LOCALE,
    timezone: p?.tz ?? o?.tz ?? DEFAULT_TIME_ZONE,
  };
}

/** The language the person picked on the dashboard's switch, if they did (wins there over the CSV's). */
export function chosenLocale(db: Db, personId: string): Locale | null {
  const row = db
    .select({ locale: dashboardPreferences.locale })
    .from(dashboardPreferences)
    .where(eq(dashboardPreferences.personId, personId))
    .get();
  return row?.locale ?? null;
}

/** Remembers the dashboard language a person picked, for their next sign-in. */
export function chooseLocale(db: Db, personId: string, locale: Locale, now: Date): void {
  db.insert(dashboardPreferences)
    .values({ personId, locale, updatedAt: now })
    .onConflictDoUpdate({ target: dashboardPreferences.personId, set: { locale, updatedAt: now } })
    .run();
}
