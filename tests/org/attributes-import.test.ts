import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { PulsenError } from "../../src/core/errors";
import { sayError } from "../../src/core/problem-text";
import { loadOrgSnapshot } from "../../src/db/org-store";
import type { Db } from "../../src/db/open";
import { exportOrgCsv } from "../../src/org/export";
import { importOrgCsv, importSummary } from "../../src/org/import";
import { HEADER } from "../helpers/csv";
import { testDatabase } from "../helpers/db";

const clock = new ManualClock("2026-11-23T09:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);
const run = (db: Db, text: string, dryRun = false) => importOrgCsv(db, bytes(text), { dryRun, clock });
const file = (extra: string, rows: string[]) => `${[`${HEADER}${extra}`, ...rows].join("\n")}\n`;
const attrsOf = (db: Db, email: string) => loadOrgSnapshot(db).people.get(email)?.attributes;

function refused(db: Db, text: string): PulsenError {
  try {
    run(db, text);
  } catch (e) {
    expect(e).toBeInstanceOf(PulsenError);
    return e as PulsenError;
  }
  throw new Error("import unexpectedly succeeded");
}

const ROWS = [
  "kari@org.example,Kari,Org,Org,hr,,,,,,,Sykepleier,heltid",
  "ola@org.example,Ola,Org > A,,,,,,,,,  Fagarbeider ,deltid",
  "siv@org.example,Siv,Org > A,,,,,,,,,,heltid",
];

describe("org import with attr: columns", () => {
  it("stores each person's background values, cleaned, with an empty field meaning no value", () => {
    const { db } = testDatabase();
    run(db, file(",phone,channel,attr:position_type,ATTR:Full_Time", ROWS));
    expect(attrsOf(db, "kari@org.example")).toEqual({ position_type: "Sykepleier", full_time: "heltid" });
    expect(attrsOf(db, "ola@org.example")).toEqual({ position_type: "Fagarbeider", full_time: "deltid" });
    expect(attrsOf(db, "siv@org.example")).toEqual({ full_time: "heltid" });
  });

  it("lists attribute changes in a dry run, writes them on the real run, and leaves attributes a file lacks", () => {
    const { db } = testDatabase();
    run(db, file(",phone,channel,attr:position_type,attr:full_time", ROWS));
    const changed = ROWS.map((r) => r.replace("Fagarbeider", "Sykepleier").replace(/,heltid$/, ",deltid"));
    const dry = importSummary(run(db, file(",phone,channel,attr:position_type,attr:full_time", changed), true), true);
    expect(dry.people.updated).toEqual([
      { email: "kari@org.example", fields: ["attr:full_time"] },
      { email: "ola@org.example", fields: ["attr:position_type"] },
      { email: "siv@org.example", fields: ["attr:full_time"] },
    ]);
    expect(attrsOf(db, "ola@org.example")).toEqual({ position_type: "Fagarbeider", full_time: "deltid" });
    run(db, file(",phone,channel,attr:position_type,attr:full_time", changed));
    expect(attrsOf(db, "ola@org.example")).toEqual({ position_type: "Sykepleier", full_time: "deltid" });

    // A file without the column (an older export, another system's) keeps the values; an empty column clears.
    const plain = ROWS.map((r) => r.split(",").slice(0, 11).join(","));
    expect(run(db, file(",phone,channel", plain)).update).toEqual([]);
    expect(attrsOf(db, "kari@org.example")).toEqual({ position_type: "Sykepleier", full_time: "deltid" });
    run(
      db,
      file(
        ",phone,channel,attr:full_time",
        plain.map((r) => `${r},`),
      ),
    );
    expect(attrsOf(db, "kari@org.example")).toEqual({ position_type: "Sykepleier" });
  });

  it("exports the values back as attr: columns, formula-safe, and the export imports back unchanged", () => {
    const { db } = testDatabase();
    const rows = [...ROWS.slice(0, 2), 'siv@org.example,Siv,Org > A,,,,,,,,,=1+2,"del, natt"'];
    run(db, file(",phone,channel,attr:position_type,attr:full_time", rows));
    const text = exportOrgCsv(db);
    expect(text.split("\n")[0]).toBe(`${HEADER},phone,channel,attr:full_time,attr:position_type`);
    expect(text).toContain("'=1+2");
    expect(text).toContain('"del, natt"');
    const again = run(db, text);
    expect({ update: again.update, unchanged: again.unchanged }).toEqual({ update: [], unchanged: 3 });
    expect(attrsOf(db, "siv@org.example")).toEqual({ position_type: "=1+2", full_time: "del, natt" });
  });

  it("refuses bad attribute names on line 1 and overlong values on their own line, in the reader's language", () => {
    const { db } = testDatabase();
    const names = refused(db, file(",attr:age band,attr:,attr:ålder,attr:ok", ["a@org.example,A,Org,,,,,,,1,2,3,4"]));
    expect(names.details).toEqual([
      'line 1: attribute column(s) attr:age band, attr:, attr:ålder: after "attr:" use lower-case a–z, 0–9 and _ ' +
        "(at most 40)",
    ]);
    expect(sayError(names, "nb").details[0]).toMatch(/^linje 1: bakgrunnskolonne\(r\) .*små bokstaver/);
    const long = refused(
      db,
      file(",attr:tenure", ["a@org.example,A,Org,,,,,,,kort", `b@org.example,B,Org,,,,,,,${"x".repeat(101)}`]),
    );
    expect(long.details).toEqual(["line 3: attr:tenure is longer than 100 characters"]);
    expect(sayError(long, "nn").details).toEqual(["linje 3: attr:tenure er lengre enn 100 teikn"]);
    const many = Array.from({ length: 21 }, (_, i) => `,attr:a${i}`).join("");
    expect(refused(db, file(many, [`a@org.example,A,Org,,,,,,${",".repeat(21)}`])).details).toEqual([
      "line 1: 21 attr: columns; at most 20",
    ]);
    expect(loadOrgSnapshot(db).org).toBeNull();
  });
});
