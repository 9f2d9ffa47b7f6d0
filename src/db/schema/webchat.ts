import { index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { createdAt } from "./columns";
import { people } from "./organization";

/**
 * The local web chat's message history (demo and preview only): what the
 * bot showed each person, exactly like a chat platform keeps it. Bot
 * messages never contain an answer's value, so neither does this.
 */
export const webchatMessages = sqliteTable(
  "webchat_messages",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    personId: text("person_id")
      .notNull()
      .references(() => people.id, { onDelete: "cascade" }),
    message: text("message", { mode: "json" }).notNull(),
    /** The outbox key it was sent under, so a restart can ask "did this go out?". */
    outboxKey: text("outbox_key"),
    createdAt: createdAt(),
  },
  (t) => [index("webchat_person").on(t.personId), uniqueIndex("webchat_outbox_key").on(t.outboxKey)],
);
