import type { Clock } from "../core/clock";
import { loadConfig } from "../config";
import { builtinInstruments } from "../instruments/catalog";
import { storeBuiltins } from "../db/instrument-store";
import { type DatabaseHandle, openDatabase } from "../db/open";
import { getOrganization } from "../db/org-store";
import { DEFAULT_LOCALE, type Locale } from "../core/locale";

export interface CliIo {
  env: Record<string, string | undefined>;
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  clock: Clock;
  cwd: string;
}

/** What every command gets: output, a lazily opened database, the clock. */
export class CliContext {
  private handle: DatabaseHandle | null = null;
  constructor(readonly io: CliIo) {}

  private open(): DatabaseHandle {
    if (this.handle === null) {
      const config = loadConfig(this.io.env);
      this.handle = openDatabase(config.databasePath);
      storeBuiltins(this.handle.db, builtinInstruments(), this.io.clock);
    }
    return this.handle;
  }

  get db() {
    return this.open().db;
  }

  get sqlite() {
    return this.open().sqlite;
  }

  orgLocale(): Locale {
    return getOrganization(this.db)?.defaultLocale ?? DEFAULT_LOCALE;
  }

  print(line = ""): void {
    this.io.stdout(`${line}\n`);
  }

  json(value: unknown): void {
    this.io.stdout(`${JSON.stringify(value, null, 2)}\n`);
  }

  close(): void {
    this.handle?.close();
    this.handle = null;
  }
}
