import type Database from "better-sqlite3";
import { and, desc, eq } from "drizzle-orm";
import type { Clock } from "../core/clock";
import { PulsenError } from "../core/errors";
import { type Instrument, parseInstrument } from "../core/instrument";
import type { Db, Store } from "./open";
import { instruments } from "./schema";

type InstrumentSource = "builtin" | "custom";
export interface StoredInstrument {
  source: InstrumentSource;
  instrument: Instrument;
}

/**
 * Keeps every version ever used. A version, once stored, is never rewritten:
 * a past round must keep the statements it asked. Change a statement by
 * raising the version.
 */
export function storeBuiltins(db: Db, list: readonly Instrument[], clock: Clock): void {
  db.transaction((tx) => {
    for (const inst of list) {
      tx.insert(instruments)
        .values({ id: inst.id, version: inst.version, source: "builtin", definition: inst, createdAt: clock.now() })
        .onConflictDoNothing()
        .run();
    }
  });
}

export function addCustomInstrument(db: Db, inst: Instrument, clock: Clock): void {
  const existing = db
    .select({ version: instruments.version, source: instruments.source })
    .from(instruments)
    .where(eq(instruments.id, inst.id))
    .orderBy(desc(instruments.version))
    .all();
  if (existing.some((e) => e.source === "builtin")) {
    throw new PulsenError("conflict", { kind: "instrument_builtin_id", id: inst.id });
  }
  const latest = existing[0]?.version;
  if (latest !== undefined && inst.version <= latest) {
    throw new PulsenError("conflict", { kind: "instrument_version_taken", id: inst.id, latest });
  }
  db.insert(instruments)
    .values({ id: inst.id, version: inst.version, source: "custom", definition: inst, createdAt: clock.now() })
    .run();
}

function decode(row: { source: InstrumentSource; definition: unknown }): StoredInstrument {
  const parsed = parseInstrument(row.definition);
  // Stored definitions were validated on the way in; failing here means the row was edited by hand.
  if (!parsed.ok) throw new PulsenError("internal", `stored instrument is corrupt: ${parsed.errors[0] ?? ""}`);
  return { source: row.source, instrument: parsed.value };
}

/** The newest version of every instrument. */
export function listInstruments(db: Db): StoredInstrument[] {
  const rows = db.select().from(instruments).orderBy(instruments.id, desc(instruments.version)).all();
  const seen = new Set<string>();
  const out: StoredInstrument[] = [];
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    out.push(decode(row));
  }
  return out;
}

/**
 * Each stored version parsed once per connection: a version is never rewritten (above), so a click need
 * not read and re-validate the whole definition again. Only asked for by exact version, outside a transaction.
 */
const parsed = new WeakMap<Database.Database, Map<string, StoredInstrument>>();

export function getInstrument(db: Store, id: string, version?: number): StoredInstrument {
  if (version === undefined || !("$client" in db)) return readInstrument(db, id, version);
  let mine = parsed.get(db.$client);
  if (mine === undefined) {
    mine = new Map();
    parsed.set(db.$client, mine);
  }
  const key = `${id}@${version}`;
  let found = mine.get(key);
  if (found === undefined) {
    found = readInstrument(db, id, version);
    mine.set(key, found);
  }
  return found;
}

function readInstrument(db: Store, id: string, version?: number): StoredInstrument {
  const where =
    version === undefined ? eq(instruments.id, id) : and(eq(instruments.id, id), eq(instruments.version, version));
  const row = db.select().from(instruments).where(where).orderBy(desc(instruments.version)).limit(1).get();
  if (row === undefined)
    throw new PulsenError("not_found", { kind: "instrument_unknown", id, version: version ?? null });
  return decode(row);
}
