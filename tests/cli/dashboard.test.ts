import { redeemLink } from "../helpers/dashboard-org";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { type RunningServer, startServer } from "../../src/server/start";
import { pulsen } from "../helpers/cli";
import { SMALL_ORG } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";
import { writeFileSync } from "node:fs";
import { openDatabase } from "../../src/db/open";
import { signInLinks } from "../../src/db/schema";

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe("pulsen dashboard link", () => {
  it("prints a one-time sign-in link for HR that the running server accepts once", async () => {
    const dir = tempDir();
    const databasePath = join(dir, "pulsen.db");
    writeFileSync(join(dir, "org.csv"), SMALL_ORG);
    const clock = new ManualClock("2026-11-23T09:00:00Z");
    const env = { PUBLIC_URL: "https://pulsen.example.no" };
    expect((await pulsen(["org", "import", "org.csv"], { databasePath, cwd: dir, clock })).code).toBe(0);
    const r = await pulsen(["dashboard", "link", "Kari@Seljord.example"], { databasePath, cwd: dir, env, clock });
    expect(r.code).toBe(0);
    const url = new URL(r.stdout.split("\n")[0]!);
    expect(`${url.origin}${url.pathname}`).toBe("https://pulsen.example.no/signin");
    expect(r.stdout).toContain("Works once, for 15 minutes.");

    server = await startServer(loadConfig({ PORT: "0", DATABASE_PATH: databasePath }), silentLogger(), clock, {
      tick: null,
    });
    const token = url.searchParams.get("token")!;
    const first = await redeemLink(server, token);
    expect(first.headers.get("location")).toBe("/");
    expect(first.headers.get("set-cookie")).toMatch(/^pulsen_session=/);
    const second = await redeemLink(server, token);
    expect(second.headers.get("location")).toBe("/?signin=expired");
  });

  it("refuses someone the dashboard has nothing for, and someone unknown, changing nothing", async () => {
    const dir = tempDir();
    const databasePath = join(dir, "pulsen.db");
    writeFileSync(join(dir, "org.csv"), SMALL_ORG);
    await pulsen(["org", "import", "org.csv"], { databasePath, cwd: dir });
    const employee = await pulsen(["dashboard", "link", "per@seljord.example"], { databasePath, cwd: dir });
    expect(employee.code).toBe(1);
    expect(employee.stderr).toContain("leads no unit and is neither HR nor a union or safety rep");
    const unknown = await pulsen(["dashboard", "link", "nobody@seljord.example", "--json"], { databasePath, cwd: dir });
    expect(unknown.code).toBe(1);
    expect(unknown.json()).toMatchObject({ error: { code: "not_found" } });
    const db = openDatabase(databasePath);
    expect(db.db.select().from(signInLinks).all()).toEqual([]);
    db.close();
    const usage = await pulsen(["dashboard", "link"], { databasePath, cwd: dir });
    expect(usage.code).toBe(2);
  });
});
