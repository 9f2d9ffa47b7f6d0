import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { pulsen } from "../helpers/cli";
import { SMALL_ORG } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";

/** An organization with a weekly series (Mondays 09:00 Oslo, open 5 days, reminders on days 2 and 4). */
async function withSeries() {
  const dir = tempDir();
  writeFileSync(join(dir, "org.csv"), SMALL_ORG);
  const env = { cwd: dir, databasePath: join(dir, "pulsen.db") };
  expect((await pulsen(["org", "import", "org.csv"], env)).code).toBe(0);
  const created = await pulsen(
    [
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
      "--json",
    ],
    env,
  );
  const { id } = created.json() as { id: string };
  const list = async () => (await pulsen(["series", "list", "--json"], env)).json() as Record<string, unknown>[];
  return { env, id, list };
}

describe("pulsen series edit", () => {
  it("changes only the options given, from the next round on, and is audited", async () => {
    const { env, id, list } = await withSeries();
    // The test clock says Monday 23 Nov 2026 09:00 UTC: the next Wednesday 08:30 in Oslo is the 25th.
    const r = await pulsen(["series", "edit", id, "--cadence", "30 8 * * 3", "--quiet-hours", "09:00-16:00"], env);
    expect(r).toMatchObject({ code: 0, stderr: "" });
    expect(r.stdout).toBe(
      `Changed cadence, window of ${id}, from its next round on.\n` +
        "Next runs: 2026-11-25T07:30:00Z, 2026-12-02T07:30:00Z, 2026-12-09T07:30:00Z\n",
    );
    expect((await list())[0]).toMatchObject({
      id,
      name: "Ukepuls",
      cadence: "30 8 * * 3",
      openDays: 5,
      reminderDays: [2, 4],
      window: "09:00-16:00, weekdays",
      nextRound: "2026-11-25T07:30:00.000Z",
    });
    const j = (await pulsen(["series", "edit", id, "--name", "Onsdagspuls", "--all-days", "--json"], env)).json();
    expect(j).toEqual({
      id,
      changed: ["name", "window"],
      next: ["2026-11-25T07:30:00Z", "2026-12-02T07:30:00Z", "2026-12-09T07:30:00Z"],
    });
    expect((await list())[0]).toMatchObject({ name: "Onsdagspuls", window: "09:00-16:00, every day" });
    const audit = (await pulsen(["audit", "--json"], env)).json() as { action: string; via: string }[];
    expect(audit.slice(0, 2)).toMatchObject([
      { action: "series.edit", via: "cli", subject: id, details: { changed: "name, window" } },
      { action: "series.edit", via: "cli", subject: id, details: { changed: "cadence, window" } },
    ]);
  });

  it("keeps a paused series paused", async () => {
    const { env, id, list } = await withSeries();
    expect((await pulsen(["series", "pause", id], env)).code).toBe(0);
    const r = await pulsen(["series", "edit", id, "--open-days", "3", "--reminders", "1"], env);
    expect(r.stdout).toBe(
      `Changed openDays, reminderDays, maxReminders of ${id}, from its next round on.\n` +
        "The series is paused: no rounds until it is resumed.\n",
    );
    expect((await list())[0]).toMatchObject({ status: "paused", nextRound: null, openDays: 3, maxReminders: 1 });
  });

  it.each([
    [[], /^pulsen: nothing to change: give at least one option/],
    [["--open-days", "10"], /^pulsen: open-days: a round open 10 days would overlap the next one/],
    [["--audience", "Seljord kommune > Nowhere"], /^pulsen: audience: no unit "Seljord kommune > Nowhere"/],
    [["--reminders", "2,x"], /^pulsen: --reminders: must be whole days/],
    [["--quiet-hours", "17-08"], /^pulsen: --quiet-hours: "17-08" is not HH:MM-HH:MM/],
  ])("refuses %j with a one-line reason and changes nothing", async (args, message) => {
    const { env, id, list } = await withSeries();
    const before = await list();
    const r = await pulsen(["series", "edit", id, ...args], env);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(await list()).toEqual(before);
  });

  it("refuses an id that is not a series", async () => {
    const { env } = await withSeries();
    expect((await pulsen(["series", "edit", "nope", "--name", "X"], env)).stderr).toMatch(/"nope" is not a series id/);
    expect((await pulsen(["series", "edit", "s_0000000000000000", "--name", "X"], env)).stderr).toMatch(
      /no series "s_0000000000000000"/,
    );
  });
});
