import { eq } from "drizzle-orm";
import type { AdapterFactory } from "../../src/server/adapter";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeAnonymously } from "../../src/db/answer-store";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { draftAnswers, drafts, organizations, people, rounds, units } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { importOrgCsv } from "../../src/org/import";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { csv } from "./csv";
import { tempDir } from "./tmp";
import { silentLogger } from "./world";
import { migratedFile } from "./db";

/**
 * An organization with one closed round answered through the bot's own
 * draft → anonymous path:
 *   Org (HR)                      not answering
 *   Org > A      leader, rep, 6   6 answer   (A with A1: 11)
 *   Org > A > A1 5                5 answer
 *   Org > B      leader, 9        7 answer
 *   Org > C      leader, 2        2 answer   → hidden, below k
 *   Org > D      6                5 answer   → hidden, to protect C
 * Comments in A (one trying to inject markup), B and C.
 */
const DASHBOARD_ORG = csv([
  "hr@org.example,Hanne HR,Org,,hr,,6f1c2b9e-0000-4000-8000-000000000001,,",
  "lead.a@org.example,Leder A,Org > A,Org > A,,,6f1c2b9e-0000-4000-8000-000000000002,,",
  "rep.a@org.example,Rita Rep,Org > A,,union_rep,,,,",
  ...Array.from({ length: 6 }, (_, i) => `a${i}@org.example,A ${i},Org > A,,,,,,`),
  ...Array.from({ length: 5 }, (_, i) => `a1_${i}@org.example,A1 ${i},Org > A > A1,,,,,,`),
  "lead.b@org.example,Leder B,Org > B,Org > B,,,,en,",
  ...Array.from({ length: 9 }, (_, i) => `b${i}@org.example,B ${i},Org > B,,,,,,`),
  "lead.c@org.example,Leder C,Org > C,Org > C,,,,,",
  ...Array.from({ length: 2 }, (_, i) => `c${i}@org.example,C ${i},Org > C,,,,,,`),
  ...Array.from({ length: 6 }, (_, i) => `d${i}@org.example,D ${i},Org > D,,,,,,`),
]);

const ANSWERING: Record<string, { emails: string[]; value: number }> = {
  "Org > A": { emails: Array.from({ length: 6 }, (_, i) => `a${i}@org.example`), value: 4 },
  "Org > A > A1": { emails: Array.from({ length: 5 }, (_, i) => `a1_${i}@org.example`), value: 5 },
  "Org > B": { emails: Array.from({ length: 7 }, (_, i) => `b${i}@org.example`), value: 3 },
  "Org > C": { emails: ["c0@org.example", "c1@org.example"], value: 1 },
  "Org > D": { emails: Array.from({ length: 5 }, (_, i) => `d${i}@org.example`), value: 2 },
};

export const COMMENTS = {
  "a0@org.example": "For mange møter <b>fet</b> <@U0001> *stjerne*",
  "b0@org.example": "Bra stemning i B",
  "c0@org.example": "Dette er fra C og skal aldri vises",
} as const;

export interface DashboardOrg {
  path: string;
  clock: ManualClock;
  roundId: string;
  openRoundId: string;
  unitId: (path: string) => string;
  personId: (email: string) => string;
}

/**
 * Builds the organization in a fresh SQLite file; the closed round first, then an open one of the same series.
 * An imported organization is a real one; `demo: true` flags it as the seeded demo is (the picker's, DESIGN.md rule 9).
 */
export function buildDashboardOrg(opts: { start?: string; demo?: boolean } = {}): DashboardOrg {
  const path = `${tempDir()}/pulsen.db`;
  const clock = new ManualClock(opts.start ?? "2026-11-02T09:00:00Z");
  const { db, close } = openDatabase(migratedFile(path));
  storeBuiltins(db, builtinInstruments(), clock);
  importOrgCsv(db, new TextEncoder().encode(DASHBOARD_ORG), { dryRun: false, clock });
  if (opts.demo) db.update(organizations).set({ demo: true }).run();
  const personId = (email: string) =>
    db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const unitIds = new Map(
    db
      .select({ id: units.id, path: units.path })
      .from(units)
      .all()
      .map((u) => [u.path, u.id]),
  );
  const { id } = createSeries(
    db,
    {
      name: "Engasjementspuls",
      instrumentId: "engagement-pulse",
      audience: "all",
      cadence: "0 9 1 * *",
      openDays: 14,
      reminderDays: [3],
      window: { ...ALWAYS },
    },
    clock.now(),
  );
  const roundId = db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["webchat"]) }),
  );
  const itemIds = db.select({ itemIds: rounds.itemIds }).from(rounds).where(eq(rounds.id, roundId)).get()!.itemIds!;
  db.transaction((tx) => {
    for (const { emails, value } of Object.values(ANSWERING)) {
      for (const email of emails) {
        const pid = personId(email);
        tx.insert(drafts)
          .values({ roundId, personId: pid, comment: COMMENTS[email as keyof typeof COMMENTS] ?? null })
          .run();
        for (const itemId of itemIds) tx.insert(draftAnswers).values({ roundId, personId: pid, itemId, value }).run();
        storeAnonymously(tx, roundId, pid, true);
      }
    }
    closeRound(tx, roundId, clock.now());
  });
  clock.advance(28 * 86_400_000);
  const openRoundId = db.transaction((tx) =>
    openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["webchat"]) }),
  );
  // Two people have answered the open round so far, through the same draft → anonymous path.
  db.transaction((tx) => {
    const openItems =
      tx.select({ itemIds: rounds.itemIds }).from(rounds).where(eq(rounds.id, openRoundId)).get()?.itemIds ?? [];
    for (const email of ["b1@org.example", "a1@org.example"]) {
      tx.insert(drafts)
        .values({ roundId: openRoundId, personId: personId(email), comment: null })
        .run();
      for (const itemId of openItems)
        tx.insert(draftAnswers)
          .values({ roundId: openRoundId, personId: personId(email), itemId, value: 4 })
          .run();
      storeAnonymously(tx, openRoundId, personId(email), true);
    }
  });
  const ids = new Map(
    db
      .select({ id: people.id, email: people.email })
      .from(people)
      .all()
      .map((p) => [p.email, p.id]),
  );
  close();
  return { path, clock, roundId, openRoundId, unitId: (p) => unitIds.get(p)!, personId: (e) => ids.get(e)! };
}

/** Starts the real server on the organization's file. */
export async function serveDashboardOrg(
  org: DashboardOrg,
  env: Record<string, string> = {},
  adapters: AdapterFactory[] = [],
): Promise<RunningServer> {
  const config = loadConfig({ PORT: "0", DATABASE_PATH: org.path, ...env });
  return startServer(config, silentLogger(), org.clock, { adapters, tick: null });
}

/** Signs in through a one-time link, as a person clicking it would; returns the session cookie. */
export async function signIn(server: RunningServer, email: string): Promise<string> {
  const pid = server.database.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const token = server.sessions.createLink(pid);
  const res = await redeemLink(server, token);
  const cookie = res.headers.get("set-cookie");
  if (res.status !== 303 || cookie === null)
    throw new Error(`sign-in failed: ${res.status} ${res.headers.get("location")}`);
  return cookie.split(";")[0]!;
}

export async function getJson<T = Record<string, unknown>>(
  server: RunningServer,
  path: string,
  cookie?: string,
  init: RequestInit = {},
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${server.url}${path}`, {
    ...init,
    headers: {
      ...(cookie ? { cookie } : {}),
      ...(init.body ? { "content-type": "application/json" } : {}),
      ...(init.headers ?? {}),
    },
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** Presses Sign in on a link's landing page: a same-origin POST of the token. */
export function redeemLink(
  server: RunningServer,
  token: string,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${server.url}/signin`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "same-origin", ...headers },
    body: new URLSearchParams({ token }),
    redirect: "manual",
  });
}
