import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open";
import { invitations, people, responses } from "../../src/db/schema";
import { pulsen } from "../helpers/cli";
import { SMALL_ORG } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";

function env() {
  const dir = tempDir();
  return { cwd: dir, databasePath: join(dir, "pulsen.db") };
}

describe("pulsen demo, backup and person forget", () => {
  it("seeds the demo into an empty database only", async () => {
    const e = env();
    const r = await pulsen(["demo"], e);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Seeded Fjordvik kommune with an open round r_/);
    const tree = (await pulsen(["org", "show", "--json"], e)).json() as { people: number; units: number };
    expect(tree).toMatchObject({ people: 40, units: 6 });
    const again = await pulsen(["demo"], e);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already has an organization/);
  });

  it("backs up to a file that opens as the same database", async () => {
    const e = env();
    await pulsen(["demo"], e);
    const r = await pulsen(["backup", "copy.db"], e);
    expect(r.code).toBe(0);
    expect(existsSync(join(e.cwd, "copy.db"))).toBe(true);
    const copy = openDatabase(join(e.cwd, "copy.db"));
    expect(copy.db.select().from(people).all()).toHaveLength(40);
    copy.close();
  });

  it("forgets a person: identity and invitations go, anonymous answers stay", async () => {
    const e = env();
    writeFileSync(join(e.cwd, "org.csv"), SMALL_ORG);
    await pulsen(["org", "import", "org.csv"], e);
    const { id } = (
      await pulsen(
        [
          "series",
          "create",
          "--name",
          "P",
          "--instrument",
          "quick-pulse",
          "--audience",
          "all",
          "--cadence",
          "0 9 1 * *",
          "--open-days",
          "7",
          "--reminders",
          "3",
          "--json",
        ],
        e,
      )
    ).json() as { id: string };
    await pulsen(["round", "open", id], e);
    const db = openDatabase(e.databasePath);
    const round = db.db.select({ roundId: invitations.roundId }).from(invitations).get()!.roundId;
    db.db
      .insert(responses)
      .values({ id: 123456, roundId: round, unitId: db.db.select().from(people).get()!.unitId })
      .run();
    db.close();
    const r = await pulsen(["person", "forget", "PER@seljord.example"], e);
    expect(r.code).toBe(0);
    const after = openDatabase(e.databasePath);
    expect(
      after.db
        .select()
        .from(people)
        .all()
        .map((p) => p.email),
    ).not.toContain("per@seljord.example");
    expect(after.db.select().from(invitations).all()).toHaveLength(4);
    expect(after.db.select().from(responses).all()).toHaveLength(1);
    after.close();
    expect((await pulsen(["person", "forget", "nobody@x.example"], e)).code).toBe(1);
  });
});
