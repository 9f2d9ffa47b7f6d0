import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/open";
import { outbox } from "../../src/db/schema";
import { pulsen } from "../helpers/cli";
import { SMALL_ORG } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";

async function withOrg() {
  const dir = tempDir();
  writeFileSync(join(dir, "org.csv"), SMALL_ORG);
  const env = { cwd: dir, databasePath: join(dir, "pulsen.db") };
  expect((await pulsen(["org", "import", "org.csv"], env)).code).toBe(0);
  return env;
}

const CREATE = [
  "series",
  "create",
  "--name",
  "Ukepuls",
  "--instrument",
  "quick-pulse",
  "--audience",
  "Seljord kommune > Helse og omsorg",
  "--cadence",
  "0 9 * * 1",
  "--open-days",
  "5",
  "--reminders",
  "2,4",
];

describe("pulsen series", () => {
  it("creates a series, prints its id and the next three runs in the org's zone", async () => {
    const env = await withOrg();
    // The test clock says Monday 23 Nov 2026 09:00 UTC, already past 09:00 in Oslo.
    const r = await pulsen(CREATE, env);
    expect(r.code).toBe(0);
    const [id, next] = r.stdout.trim().split("\n");
    expect(id).toMatch(/^s_[0-9a-z]{16}$/);
    expect(next).toBe("Next runs: 2026-11-30T08:00:00Z, 2026-12-07T08:00:00Z, 2026-12-14T08:00:00Z");
    const j = (await pulsen([...CREATE, "--json"], env)).json() as { id: string; next: string[] };
    expect(j.id).toMatch(/^s_/);
    const list = (await pulsen(["series", "list", "--json"], env)).json() as {
      id: string;
      status: string;
      nextRound: string;
      audience: string;
      window: string;
    }[];
    expect(list[0]).toMatchObject({
      id,
      status: "active",
      nextRound: "2026-11-30T08:00:00.000Z",
      audience: "Seljord kommune > Helse og omsorg",
      window: "08:00-17:00, weekdays",
    });
  });

  it.each([
    [["--cadence", "0 25 * * 1"], /^pulsen: cadence: "0 25 \* \* 1" is not a valid cron expression/],
    [["--cadence", "every monday"], /^pulsen: cadence: "every monday" must have 5 fields/],
    [["--instrument", "nope"], /^pulsen: no instrument "nope"/],
    [["--audience", "Seljord kommune > Nowhere"], /^pulsen: audience: no unit "Seljord kommune > Nowhere"/],
    [
      ["--open-days", "10"],
      /^pulsen: open-days: a round open 10 days would overlap the next one \(the cadence runs every 7 days\)/,
    ],
    [["--open-days", "zero"], /^pulsen: --open-days: must be a whole number/],
    [["--reminders", "2,9"], /^pulsen: reminders: day 9 is outside the open window \(1 to 4\)/],
    [["--reminders", "2,x"], /^pulsen: --reminders: must be whole days/],
    [["--quiet-hours", "17-08"], /^pulsen: --quiet-hours: "17-08" is not HH:MM-HH:MM/],
  ])("refuses %j with a one-line reason and creates nothing", async (override, message) => {
    const env = await withOrg();
    const args = [...CREATE];
    for (let i = 0; i < override.length; i += 2) {
      const at = args.indexOf(override[i]!);
      if (at === -1) args.push(override[i]!, override[i + 1]!);
      else args[at + 1] = override[i + 1]!;
    }
    const r = await pulsen(args, env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect((await pulsen(["series", "list", "--json"], env)).json()).toEqual([]);
  });

  it("treats contradicting or missing flags as usage errors", async () => {
    const env = await withOrg();
    expect((await pulsen([...CREATE, "--weekdays-only", "--all-days"], env)).code).toBe(2);
    expect((await pulsen(["series", "create", "--name", "x"], env)).code).toBe(2);
  });

  it("pauses and resumes a series", async () => {
    const env = await withOrg();
    const id = (await pulsen([...CREATE, "--json"], env)).json() as { id: string };
    expect((await pulsen(["series", "pause", id.id], env)).stdout).toBe(`Paused ${id.id}.\n`);
    expect(
      ((await pulsen(["series", "list", "--json"], env)).json() as { status: string; nextRound: null }[])[0],
    ).toMatchObject({ status: "paused", nextRound: null });
    const again = await pulsen(["series", "pause", id.id], env);
    expect([again.code, again.stderr]).toEqual([1, `pulsen: series ${id.id} is already paused\n`]);
    expect((await pulsen(["series", "resume", id.id], env)).stdout).toBe(
      `Resumed ${id.id}; next round 2026-11-30T08:00:00Z.\n`,
    );
    expect((await pulsen(["series", "pause", "s_nope"], env)).code).toBe(1);
    const odd = await pulsen(["series", "resume", "r_0123abcd"], env);
    expect([odd.code, odd.stderr]).toEqual([1, 'pulsen: "r_0123abcd" is not a series id (see: pulsen series list)\n']);
  });
});

describe("pulsen round", () => {
  it("opens a round now, queues one invitation per person and sends nothing itself", async () => {
    const env = await withOrg();
    const { id: seriesId } = (await pulsen([...CREATE, "--json"], env)).json() as { id: string };
    // A real organization is reached on its chat platform (without one, nobody would be: DESIGN.md rule 9).
    const slack = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret" };
    const opened = await pulsen(["round", "open", seriesId], { ...env, env: slack });
    expect(opened.code).toBe(0);
    const roundId = opened.stdout.split("\n")[0]!;
    expect(roundId).toMatch(/^r_/);
    expect(opened.stdout).toContain("Opened: 3 invited, closes 2026-11-28T09:00:00.000Z.");

    const db = openDatabase(env.databasePath);
    expect(
      db.db
        .select({ state: outbox.state, key: outbox.key })
        .from(outbox)
        .all()
        .map((o) => o.state),
    ).toEqual(["pending", "pending", "pending"]);
    db.close();

    // With k = 3: Sykehjemmet's two invited are too few to show alone while open; they count in Helse og omsorg.
    const status = (
      await pulsen(["round", "status", roundId, "--json"], { ...env, env: { ANONYMITY_MIN: "3" } })
    ).json();
    expect(status).toMatchObject({
      round: roundId,
      status: "open",
      invited: 3,
      answered: 0,
      responseRate: 0,
      // Rolled up the tree: each unit counts the units below it, the first row is the organization.
      units: [
        { unit: "Seljord kommune", invited: 3, answered: 0, responseRate: 0, unreachable: 0 },
        { unit: "Seljord kommune > Helse og omsorg", invited: 3, answered: 0, responseRate: 0, unreachable: 0 },
        {
          unit: "Seljord kommune > Helse og omsorg > Sykehjemmet",
          invited: 2,
          suppressed: true,
          reason: "below_threshold",
          countedIn: "Seljord kommune > Helse og omsorg",
        },
      ],
    });
    expect(JSON.stringify(status)).not.toMatch(/@seljord|Ola|Åse|Per/);

    const twice = await pulsen(["round", "open", seriesId], env);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toBe(
      `pulsen: series ${seriesId} already has an open round (${roundId}); close it first: pulsen round close ${roundId}\n`,
    );

    expect((await pulsen(["round", "close", roundId], env)).stdout).toBe(`Closed ${roundId}.\n`);
    const closedAgain = await pulsen(["round", "close", roundId], env);
    expect([closedAgain.code, closedAgain.stderr]).toEqual([1, `pulsen: round ${roundId} is already closed\n`]);
    const after = (await pulsen(["round", "status", roundId, "--json"], env)).json() as {
      status: string;
      messages: Record<string, number>;
    };
    expect(after.status).toBe("closed");
    expect(after.messages).toEqual({ cancelled: 3 });
    expect((await pulsen(["round", "status", "r_nope"], env)).stderr).toBe('pulsen: no round "r_nope"\n');
  });
});
