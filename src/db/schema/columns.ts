import { integer } from "drizzle-orm/sqlite-core";

/** Creation time in ms; never on an answer (DESIGN.md rule 1). */
export const createdAt = () => integer("created_at", { mode: "timestamp_ms" }).notNull();
