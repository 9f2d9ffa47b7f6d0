import { eq, sql } from "drizzle-orm";
import type { Locale } from "../core/locale";
import { ChangeWatch } from "../db/change-watch";
import type { Db } from "../db/open";
import { personSettings } from "../db/person-settings";
import { prepared } from "../db/prepared";
import { type RoundRow, rounds, series } from "../db/schema";
import { type FollowUpArea, followUpAreas } from "../plans/follow-up-areas";

const roundWithSeries = (db: Db) =>
  db
    .select({ round: rounds, seriesName: series.name })
    .from(rounds)
    .innerJoin(series, eq(series.id, rounds.seriesId))
    .where(eq(rounds.id, sql.placeholder("r")))
    .prepare();

/** People whose language is kept at most; past it, the cache starts again (a few MB at most). */
const MAX_PEOPLE = 50_000;

/**
 * What every tap reads and hardly ever changes: the round and its series, a person's language and time
 * zone, the follow-up questions a unit is asked. Read once and kept until anything else writes to the
 * database (change-watch.ts): a round the CLI closes from another process is seen by the very next tap.
 * What a tap itself writes (the draft, the invitation's "done") is read fresh every time, not kept here.
 * Callers call fresh() once before they read (a tap: at the start of its transaction). The rows handed
 * out are shared: callers read them, never change them.
 */
export class SurveyCache {
  private readonly watch: ChangeWatch;
  private readonly rounds = new Map<string, { round: RoundRow; seriesName: string } | undefined>();
  private readonly people = new Map<string, { locale: Locale; timezone: string }>();
  private readonly followUps = new Map<string, FollowUpArea[]>();

  constructor(private readonly db: Db) {
    this.watch = new ChangeWatch(db.$client);
  }

  /** Forgets everything if anything wrote since it was last checked or settled. Call before reading. */
  fresh(): void {
    if (this.watch.unchanged()) return;
    this.rounds.clear();
    this.people.clear();
    this.followUps.clear();
  }

  /** A write that changes nothing kept here (change-watch.ts `aside`): what is kept stays. */
  aside<T>(write: () => T): T {
    return this.watch.aside(write);
  }

  /** After a tap's transaction committed: its own writes leave what is kept here true. */
  settle(): void {
    this.watch.settle();
  }

  round(roundId: string): { round: RoundRow; seriesName: string } | undefined {
    if (!this.rounds.has(roundId)) this.rounds.set(roundId, prepared(this.db, roundWithSeries).get({ r: roundId }));
    return this.rounds.get(roundId);
  }

  person(personId: string): { locale: Locale; timezone: string } {
    let found = this.people.get(personId);
    if (found === undefined) {
      if (this.people.size >= MAX_PEOPLE) this.people.clear();
      found = personSettings(this.db, personId);
      this.people.set(personId, found);
    }
    return found;
  }

  /** The follow-up questions for a unit in a round (follow-up-areas.ts). */
  followUpsFor(round: RoundRow, unitId: string): FollowUpArea[] {
    const key = `${round.id}\u0000${unitId}`;
    let found = this.followUps.get(key);
    if (found === undefined) {
      found = followUpAreas(this.db, round, unitId);
      this.followUps.set(key, found);
    }
    return found;
  }
}
