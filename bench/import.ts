/**
 * The 50,000-person org import (issue #17 item 3): Pulsen's importOrgCsv (read, validate, plan, write in one
 * transaction) against the least any import must do with the same file: csv-parse, then better-sqlite3
 * prepared inserts of the same units, people, leaders and roles in one transaction. Both on a fresh
 * migrated database file.
 */
import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse } from "csv-parse/sync";
import { ManualClock } from "../src/core/clock";
import { openDatabase } from "../src/db/open";
import { syntheticOrgCsv } from "../src/demo/synthetic-org";
import { importOrgCsv } from "../src/org/import";

type Figure = (name: string, value: number, unit: string) => void;

const PEOPLE = 50_000;

/** The same rows, the plainest way: no validation, no diff against what is stored. */
function plainImport(path: string, text: string): void {
  const { sqlite, close } = openDatabase(path);
  try {
    const records = parse(text, { columns: true, bom: true }) as Record<string, string>[];
    const now = Date.now();
    const orgId = randomUUID();
    const unitIds = new Map<string, string>();
    const insertUnit = sqlite.prepare(
      "insert into units (id, org_id, parent_id, name, path, depth, created_at) values (?, ?, ?, ?, ?, ?, ?)",
    );
    const insertPerson = sqlite.prepare(
      "insert into people (id, org_id, email, name, unit_id, slack_user_id, teams_aad_object_id, locale, timezone, " +
        "active, created_at, updated_at) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)",
    );
    const insertLeader = sqlite.prepare("insert or ignore into unit_leaders (unit_id, person_id) values (?, ?)");
    const insertRole = sqlite.prepare("insert into person_roles (person_id, role) values (?, ?)");
    const unit = (path: string): string => {
      let id = unitIds.get(path);
      if (id === undefined) {
        const parts = path.split(" > ");
        const parent = parts.length > 1 ? unit(parts.slice(0, -1).join(" > ")) : null;
        id = randomUUID();
        insertUnit.run(id, orgId, parent, parts[parts.length - 1], path, parts.length - 1, now);
        unitIds.set(path, id);
      }
      return id;
    };
    sqlite.transaction(() => {
      sqlite.prepare("insert into organizations (id, name, created_at) values (?, ?, ?)").run(orgId, "Org", now);
      for (const r of records) {
        const id = randomUUID();
        const null_ = (v: string | undefined) => (v ? v : null);
        const u = unit(r.unit!);
        insertPerson.run(
          id,
          orgId,
          r.email,
          r.name,
          u,
          null_(r.slack_user_id),
          null_(r.teams_aad_object_id),
          null_(r.locale),
          null_(r.timezone),
          now,
          now,
        );
        for (const led of (r.leader_of ?? "").split(";").filter(Boolean)) insertLeader.run(unit(led), id);
        for (const role of (r.roles ?? "").split(";").filter(Boolean)) insertRole.run(id, role);
      }
    })();
  } finally {
    close();
  }
}

export function benchImport(figure: Figure): void {
  const dir = mkdtempSync(join(tmpdir(), "pulsen-bench-import-"));
  try {
    const text = syntheticOrgCsv({ people: PEOPLE, units: 1_000, levels: 5 });
    const bytes = new TextEncoder().encode(text);
    let began = performance.now();
    const { db, close } = openDatabase(join(dir, "pulsen.db"));
    try {
      importOrgCsv(db, bytes, { dryRun: false, clock: new ManualClock("2026-11-02T09:00:00Z") });
    } finally {
      close();
    }
    const pulsen = (performance.now() - began) / 1000;
    began = performance.now();
    plainImport(join(dir, "plain.db"), text);
    const plain = (performance.now() - began) / 1000;
    figure(`org_import.${PEOPLE}_people_s`, pulsen, "s");
    figure("org_import.ratio_to_plain", pulsen / plain, "×");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
