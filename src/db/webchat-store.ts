import { and, asc, eq } from "drizzle-orm";
import type { Clock } from "../core/clock";
import type { PersonId } from "../core/ids";
import type { BotMessage } from "../bot/message";
import type { Db } from "./open";
import { people, units, webchatMessages } from "./schema";

/** The web chat's history: the conversation a platform would otherwise keep. */
export class WebchatStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  activePeople(): { id: PersonId; name: string; unit: string }[] {
    return this.db
      .select({ id: people.id, name: people.name, unit: units.path })
      .from(people)
      .innerJoin(units, eq(units.id, people.unitId))
      .where(eq(people.active, true))
      .orderBy(asc(units.path), asc(people.name))
      .all()
      .map((p) => ({ ...p, id: p.id as PersonId }));
  }

  person(id: string): { id: PersonId; name: string } | null {
    const row = this.db.select({ id: people.id, name: people.name }).from(people).where(eq(people.id, id)).get();
    return row === undefined ? null : { id: row.id as PersonId, name: row.name };
  }

  history(personId: PersonId): { id: number; message: BotMessage }[] {
    return this.db
      .select({ id: webchatMessages.id, message: webchatMessages.message })
      .from(webchatMessages)
      .where(eq(webchatMessages.personId, personId))
      .orderBy(asc(webchatMessages.id))
      .all()
      .map((r) => ({ id: r.id, message: r.message as BotMessage }));
  }

  entry(personId: PersonId, id: number): { id: number; message: BotMessage } | null {
    const row = this.db
      .select({ id: webchatMessages.id, message: webchatMessages.message })
      .from(webchatMessages)
      .where(and(eq(webchatMessages.id, id), eq(webchatMessages.personId, personId)))
      .get();
    return row === undefined ? null : { id: row.id, message: row.message as BotMessage };
  }

  /** The new entry's id; null when a message with this outbox key is already there. */
  append(personId: PersonId, message: BotMessage, outboxKey?: string): number | null {
    const row = this.db
      .insert(webchatMessages)
      .values({ personId, message, outboxKey: outboxKey ?? null, createdAt: this.clock.now() })
      .onConflictDoNothing()
      .returning({ id: webchatMessages.id })
      .get();
    return row?.id ?? null;
  }

  replace(personId: PersonId, id: number, message: BotMessage): boolean {
    const where = and(eq(webchatMessages.id, id), eq(webchatMessages.personId, personId));
    return this.db.update(webchatMessages).set({ message }).where(where).run().changes > 0;
  }

  sentUnder(outboxKey: string): number | null {
    const row = this.db.select({ id: webchatMessages.id }).from(webchatMessages);
    return row.where(eq(webchatMessages.outboxKey, outboxKey)).get()?.id ?? null;
  }
}
