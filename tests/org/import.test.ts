import { describe, expect, it } from "vitest";
import { ManualClock } from "../../src/core/clock";
import { PulsenError } from "../../src/core/errors";
import { loadOrgSnapshot, loadOrgTree } from "../../src/db/org-store";
import type { Db } from "../../src/db/open";
import { importOrgCsv } from "../../src/org/import";
import { HEADER, SMALL_ORG, csv } from "../helpers/csv";
import { testDatabase } from "../helpers/db";

const clock = new ManualClock("2026-11-23T09:00:00Z");
const bytes = (text: string) => new TextEncoder().encode(text);
const run = (db: Db, text: string, dryRun = false) => importOrgCsv(db, bytes(text), { dryRun, clock });

/** The error lines a bad file produces (and proof that it was refused). */
function errorsOf(db: Db, text: string | Uint8Array): string[] {
  try {
    importOrgCsv(db, typeof text === "string" ? bytes(text) : text, { dryRun: false, clock });
  } catch (e) {
    expect(e).toBeInstanceOf(PulsenError);
    expect((e as PulsenError).message).toMatch(/nothing was imported/);
    return [...(e as PulsenError).details];
  }
  throw new Error("import unexpectedly succeeded");
}

function dump(db: Db) {
  const s = loadOrgSnapshot(db);
  return { org: s.org, units: [...s.unitPaths].sort(), people: [...s.people.entries()].sort() };
}

const GOOD = "kari@seljord.example,Kari Nordmann,Seljord kommune,,,,,,";

describe("org import", () => {
  it("builds the unit tree, leaders and roles from a valid file", () => {
    const { db } = testDatabase();
    const plan = run(db, SMALL_ORG);
    expect(plan.createOrg).toBe(true);
    expect(plan.add).toHaveLength(5);
    expect(plan.unitsToCreate).toEqual([
      "Seljord kommune",
      "Seljord kommune > Helse og omsorg",
      "Seljord kommune > Oppvekst",
      "Seljord kommune > Helse og omsorg > Sykehjemmet",
    ]);
    const tree = loadOrgTree(db)!;
    expect(tree.organization.name).toBe("Seljord kommune");
    expect(tree.people).toBe(5);
    expect(tree.root!.total).toBe(5);
    const helse = tree.root!.children.find((c) => c.name === "Helse og omsorg")!;
    expect(helse.leaders).toEqual([{ name: "Ola Bråten", email: "ola@seljord.example" }]);
    expect(helse.children[0]).toMatchObject({ name: "Sykehjemmet", people: 2, total: 2 });
    const per = loadOrgSnapshot(db).people.get("per@seljord.example")!;
    expect(per).toMatchObject({ locale: "en", timezone: "America/New_York", roles: [] });
    expect(loadOrgSnapshot(db).people.get("aase@seljord.example")!.roles.sort()).toEqual(["safety_rep", "union_rep"]);
    expect(loadOrgSnapshot(db).people.get("siv@seljord.example")!.name).toBe("Løvås, Siv");
  });

  it("reads a BOM, CRLF line ends, quoted commas and Norwegian letters", () => {
    const { db } = testDatabase();
    const text = `\uFEFF${csv(
      [
        'bjorn@fjord.example,"Bjørn Æsøy, jr.","Fjord AS > Økonomi, lønn og regnskap",,,,,nn,',
        '"aase@fjord.example","Åse ""Ås"" Strøm","Fjord AS > Økonomi, lønn og regnskap","Fjord AS > Økonomi, lønn og regnskap",hr,,,,Europe/Oslo',
      ],
      "\r\n",
    )}`;
    run(db, text);
    const people = loadOrgSnapshot(db).people;
    expect(people.get("bjorn@fjord.example")).toMatchObject({
      name: "Bjørn Æsøy, jr.",
      unit: ["Fjord AS", "Økonomi, lønn og regnskap"],
      locale: "nn",
    });
    expect(people.get("aase@fjord.example")).toMatchObject({ name: 'Åse "Ås" Strøm', roles: ["hr"] });
  });

  it.each([
    [
      "unknown locale",
      `${GOOD}\nola@s.example,Ola,Seljord kommune,,,,,se,`,
      'line 3: locale "se" is unknown (use nb, nn, en, or leave it empty)',
    ],
    [
      "bad time zone",
      `${GOOD}\nola@s.example,Ola,Seljord kommune,,,,,,Europe/Olso`,
      'line 3: time zone "Europe/Olso" is not an IANA time zone name (like Europe/Oslo)',
    ],
    [
      "duplicate email",
      `${GOOD}\nKARI@seljord.example,Kari Again,Seljord kommune,,,,,,`,
      "line 3: email kari@seljord.example appears again (first on line 2)",
    ],
    ["empty unit", `${GOOD}\nola@s.example,Ola,,,,,,,`, "line 3: unit is empty"],
    [
      "empty unit part",
      `${GOOD}\nola@s.example,Ola,Seljord kommune >  > Skole,,,,,,`,
      'line 3: unit "Seljord kommune >  > Skole" has an empty part between ">"',
    ],
    [
      "malformed email",
      `${GOOD}\nola.seljord.example,Ola,Seljord kommune,,,,,,`,
      'line 3: email "ola.seljord.example" is not a valid email address',
    ],
    ["empty email", `${GOOD}\n,Ola,Seljord kommune,,,,,,`, "line 3: email is empty"],
    [
      "unknown role",
      `${GOOD}\nola@s.example,Ola,Seljord kommune,,boss,,,,`,
      'line 3: role "boss" is unknown (use hr, union_rep, safety_rep)',
    ],
    [
      "leader of an unknown unit",
      `${GOOD}\nola@s.example,Ola,Seljord kommune,Seljord kommune > Skule,,,,,`,
      'line 3: leader_of "Seljord kommune > Skule" is not a unit of anyone in this file',
    ],
    [
      "second organization",
      `${GOOD}\nola@s.example,Ola,Nabo kommune > Skole,,,,,,`,
      'line 3: unit "Nabo kommune > Skole" does not start with the organization "Seljord kommune"',
    ],
    [
      "bad Slack id",
      `${GOOD}\nola@s.example,Ola,Seljord kommune,,,ola,,,`,
      'line 3: slack_user_id "ola" is not a Slack user id (like U012AB3CD)',
    ],
    [
      "bad Teams id",
      `${GOOD}\nola@s.example,Ola,Seljord kommune,,,,not-a-guid,,`,
      'line 3: teams_aad_object_id "not-a-guid" is not a GUID',
    ],
    ["wrong field count", `${GOOD}\nola@s.example,Ola,Seljord kommune`, "line 3: has 3 fields, the header has 9"],
  ])("refuses a file with a row of %s, naming line and reason", (_name, body, message) => {
    const { db } = testDatabase();
    expect(errorsOf(db, `${HEADER}\n${body}\n`)).toEqual([message]);
    expect(loadOrgTree(db)).toBeNull();
  });

  it("reports every bad row of a file, not just the first", () => {
    const { db } = testDatabase();
    const errors = errorsOf(
      db,
      csv([GOOD, "bad-email,Ola,Seljord kommune,,,,,xx,", "per@s.example,Per,,,,,,,Mars/Base"]),
    );
    expect(errors).toEqual([
      'line 3: email "bad-email" is not a valid email address',
      'line 3: locale "xx" is unknown (use nb, nn, en, or leave it empty)',
      "line 4: unit is empty",
      'line 4: time zone "Mars/Base" is not an IANA time zone name (like Europe/Oslo)',
    ]);
  });

  it("refuses a header with missing or unknown columns", () => {
    const { db } = testDatabase();
    expect(errorsOf(db, "email,name,unit,timezon\nkari@s.example,Kari,Org,\n")).toEqual([
      "line 1: missing column(s): leader_of, roles, slack_user_id, teams_aad_object_id, locale, timezone",
      "line 1: unknown column(s): timezon (expected email,name,unit,leader_of,roles,slack_user_id,teams_aad_object_id,locale,timezone,phone,channel)",
    ]);
  });

  it("reads the optional phone and channel columns, and says what is wrong with them", () => {
    const { db } = testDatabase();
    const head = `${HEADER},phone,channel`;
    const bad = [
      head,
      "a@x.no,A,Org,,,,,,,91234567,",
      "b@x.no,B,Org,,,,,,,,sms",
      "c@x.no,C,Org,,,,,,,+4791234567,pigeon",
      "d@x.no,D,Org,,,,,,,,teams",
    ].join("\n");
    expect(errorsOf(db, bad)).toEqual([
      'line 2: phone "91234567" is not a phone number with country code (like +4791234567)',
      "line 3: channel sms needs phone",
      'line 4: channel "pigeon" is unknown (use slack, teams, email, sms, or leave it empty)',
      "line 5: channel teams needs teams_aad_object_id",
    ]);
    run(db, [head, "a@x.no,A,Org,,,,,,,+47 912 34 567,sms", "b@x.no,B,Org,,,,,,,,"].join("\n"));
    const people = loadOrgSnapshot(db).people;
    expect(people.get("a@x.no")).toMatchObject({ phone: "+4791234567", channel: "sms" });
    expect(people.get("b@x.no")).toMatchObject({ phone: null, channel: null });
    // An older file without the two columns leaves them as they are read: empty.
    expect(run(db, [HEADER, "a@x.no,A,Org,,,,,,", "b@x.no,B,Org,,,,,,"].join("\n"), true).update).toEqual([
      { row: expect.objectContaining({ email: "a@x.no" }), fields: ["phone", "channel"] },
    ]);
  });

  it("reads a semicolon-separated file (Excel's Norwegian default) like a comma-separated one", () => {
    const { db } = testDatabase();
    // Semicolons, with a comma inside a quoted name, a BOM and CRLF line ends, as Excel writes them.
    const semicolons = `\uFEFF${HEADER.replaceAll(",", ";")}\r\n"siv@s.example";"Løvås, Siv";"Org > A";;;;;;\r\n`;
    const plan = run(db, semicolons);
    expect(plan.add.map((r) => [r.email, r.name])).toEqual([["siv@s.example", "Løvås, Siv"]]);
  });

  it("lists at most a hundred bad lines of a garbage file, and how many more", () => {
    const { db } = testDatabase();
    const garbage = `${HEADER}\n${Array.from({ length: 10_000 }, (_, i) => `x${i}`).join("\n")}\n`;
    const errors = errorsOf(db, garbage);
    expect(errors).toHaveLength(101);
    expect(errors[0]).toBe("line 2: has 1 fields, the header has 9");
    expect(errors[100]).toBe("… and 9900 more");
    expect(loadOrgTree(db)).toBeNull();
  });

  it("refuses a file that is not UTF-8", () => {
    const { db } = testDatabase();
    const latin1 = Uint8Array.from([...bytes(`${HEADER}\nx@y.no,`), 0xc5, ...bytes("se,Org,,,,,,\n")]);
    expect(() => importOrgCsv(db, latin1, { dryRun: false, clock })).toThrow(PulsenError);
    expect(errorsOf(db, latin1)).toEqual([
      'line 1: the file looks like Windows-1252 (Excel\'s plain CSV), not UTF-8: in Excel, save it as "CSV UTF-8 (kommadelt)"',
    ]);
    expect(loadOrgTree(db)).toBeNull();
  });

  it("leaves the database exactly as it was when a re-import has one bad row", () => {
    const { db } = testDatabase();
    run(db, SMALL_ORG);
    const before = dump(db);
    const changed = SMALL_ORG.replace("Ola Bråten", "Ola Renamed").replace(
      "Per Ødegård,Seljord kommune > Helse og omsorg > Sykehjemmet",
      "Per Ødegård,Seljord kommune > Ny avdeling",
    );
    errorsOf(db, `${changed}nils@seljord.example,Nils,Seljord kommune,,,,,fr,\n`);
    expect(dump(db)).toEqual(before);
  });

  it("dry run shows the changes and writes nothing", () => {
    const { db } = testDatabase();
    const plan = run(db, SMALL_ORG, true);
    expect(plan.add).toHaveLength(5);
    expect(loadOrgTree(db)).toBeNull();
  });

  it("re-import updates people by email, moves them, and deactivates those who left", () => {
    const { db } = testDatabase();
    run(db, SMALL_ORG);
    const idsBefore = new Map([...loadOrgSnapshot(db).people.keys()].map((e) => [e, e]));
    const next = csv([
      "kari@seljord.example,Kari Nordmann,Seljord kommune,Seljord kommune,hr,U0KARI,,nb,Europe/Oslo",
      // Ola moves to Oppvekst, stops leading Helse og omsorg, takes Siv's Slack id… and Siv's old id moves to Ola
      "OLA@seljord.example,Ola Bråten,Seljord kommune > Oppvekst,Seljord kommune > Oppvekst,,U0SIV,,nn,",
      "aase@seljord.example,Åse Sæther,Seljord kommune > Helse og omsorg > Sykehjemmet,Seljord kommune > Helse og omsorg,union_rep,,,,",
      '"siv@seljord.example","Løvås, Siv",Seljord kommune > Oppvekst,,,U0OLA,,,',
      "nils@seljord.example,Nils Kvåle,Seljord kommune > Oppvekst > Skolen,,,,,,",
    ]);
    const preview = run(db, next, true);
    expect(preview.add.map((r) => r.email)).toEqual(["nils@seljord.example"]);
    expect(preview.update.map((u) => [u.row.email, u.fields])).toEqual([
      ["ola@seljord.example", ["unit", "leaderOf", "slackUserId"]],
      ["aase@seljord.example", ["leaderOf", "roles"]],
      ["siv@seljord.example", ["slackUserId"]],
    ]);
    expect(preview.deactivate).toEqual(["per@seljord.example"]);
    expect(preview.unchanged).toBe(1);

    run(db, next);
    const people = loadOrgSnapshot(db).people;
    expect(people.get("ola@seljord.example")).toMatchObject({
      unit: ["Seljord kommune", "Oppvekst"],
      slackUserId: "U0SIV",
      active: true,
    });
    expect(people.get("siv@seljord.example")!.slackUserId).toBe("U0OLA");
    expect(people.get("per@seljord.example")).toMatchObject({ active: false, leaderOf: [], roles: [] });
    expect(people.size).toBe(idsBefore.size + 1);
    const tree = loadOrgTree(db)!;
    expect(tree.people).toBe(5);
    const helse = tree.root!.children.find((c) => c.name === "Helse og omsorg")!;
    expect(helse.leaders.map((l) => l.email)).toEqual(["aase@seljord.example"]);

    // The same file again changes nothing.
    const again = run(db, next, true);
    expect(again.add.length + again.update.length + again.deactivate.length + again.unitsToCreate.length).toBe(0);
  });

  it("brings a person who left back when they reappear", () => {
    const { db } = testDatabase();
    run(db, SMALL_ORG);
    run(db, csv([GOOD.replace(",,,,,,", ",Seljord kommune,hr,U0KARI,,nb,Europe/Oslo")]));
    expect(loadOrgSnapshot(db).people.get("ola@seljord.example")!.active).toBe(false);
    const plan = run(db, SMALL_ORG);
    expect(plan.update.find((u) => u.row.email === "ola@seljord.example")!.fields).toContain("active");
    expect(loadOrgSnapshot(db).people.get("ola@seljord.example")!.active).toBe(true);
  });
});

describe("a large organization", () => {
  // Size is not what this shows (the 2,000-person import is timed in npm run
  // bench): 60 units still make a five-level tree with a partly filled bottom level.
  it("imports 400 people in 60 units five levels deep in one go", async () => {
    const { syntheticOrgCsv } = await import("../../src/demo/synthetic-org");
    const { db } = testDatabase();
    const plan = run(db, syntheticOrgCsv({ people: 400, units: 60, levels: 5 }));
    expect(plan.add).toHaveLength(400);
    const tree = loadOrgTree(db)!;
    expect(tree.people).toBe(400);
    expect(tree.units).toBe(60);
    const depth = (n: { children: { children: unknown[] }[] }): number =>
      1 + Math.max(0, ...n.children.map((c) => depth(c as never)));
    expect(depth(tree.root! as never)).toBe(5);
    expect(tree.root!.total).toBe(400);
  });
});
