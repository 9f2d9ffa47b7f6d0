import { eq, sql } from "drizzle-orm";
import { DEFAULT_LOCALE, DEFAULT_TIME_ZONE, type Locale } from "../core/locale";
import type { Db } from "./open";
import { personLocale, personTimezone } from "./org-store";
import { prepared } from "./prepared";
import { organizations, people } from "./schema";

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
