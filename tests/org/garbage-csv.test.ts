import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { rng } from "../../src/demo/synthetic-org";
import type { RunningServer } from "../../src/server/start";
import { buildDashboardOrg, serveDashboardOrg, signIn } from "../helpers/dashboard-org";
import { HEADER } from "../helpers/csv";
import { pulsen } from "../helpers/cli";
import { tableChecksum } from "../helpers/table-checksum";
import { tempDir } from "../helpers/tmp";

// Four kinds of garbage of 10,000 lines each, as an HR person might upload by mistake: random bytes, a CSV with
// the wrong columns, a binary file (a zip, say), and the right header over 10,000 bad rows.
const LINES = 10_000;
const random = rng(42);
const bytes = (n: number) => Uint8Array.from({ length: n }, () => Math.floor(random() * 256));
const text = (s: string) => new TextEncoder().encode(s);
const rows = (f: (i: number) => string) => Array.from({ length: LINES }, (_, i) => f(i)).join("\n");
const GARBAGE: Record<string, Uint8Array> = {
  "random bytes": bytes(LINES * 40).map((b) => (b === 10 ? 10 : b)),
  "wrong columns": text(`id,first,last,dept\n${rows((i) => `${i},A${i},B${i},D${i % 7}`)}\n`),
  binary: Uint8Array.from([0x50, 0x4b, 0x03, 0x04, ...bytes(LINES * 30)]),
  "10,000 bad rows": text(`${HEADER}\n${rows((i) => `not-an-email-${i},P ${i},Org,,boss,,,xx,Mars/Base`)}\n`),
};

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

describe("a 10,000-line garbage file", () => {
  it("is refused by HR's import in the web app: 400, the first lines named, a count of the rest, nothing written", async () => {
    const org = buildDashboardOrg();
    running = await serveDashboardOrg(org);
    const hr = await signIn(running, "hr@org.example");
    const before = tableChecksum(running.database.db);
    for (const [kind, body] of Object.entries(GARBAGE)) {
      const began = performance.now();
      const res = await fetch(`${running.url}/api/org/import?dryRun=false`, {
        method: "POST",
        headers: { cookie: hr, "content-type": "text/csv", "sec-fetch-site": "same-origin" },
        body,
      });
      const ms = performance.now() - began;
      expect(res.status, kind).toBe(400);
      const j = (await res.json()) as { error: string; message: string; details?: string[] };
      expect(j.error, kind).toBe("input_invalid");
      const details = j.details ?? [];
      // Bounded: at most 100 lines and the count of the others; each names its line.
      expect(details.length, kind).toBeLessThanOrEqual(101);
      expect(details.length, kind).toBeGreaterThan(0);
      for (const d of details.slice(0, -1)) expect(d, kind).toMatch(/^(linje|line) \d+/);
      if (details.length === 101) expect(details[100], kind).toMatch(/9\d{3}/);
      expect(JSON.stringify(j).length, kind).toBeLessThan(20_000);
      // A binary file is not taken for Excel's Windows-1252 CSV.
      if (kind === "binary" || kind === "random bytes") expect(details[0], kind).toMatch(/ikke UTF-8-tekst/);
      // About 0.3 s for the 10,000 bad rows on a quiet machine; the bound leaves room for a busy one.
      expect(ms, kind).toBeLessThan(5000);
    }
    expect(tableChecksum(running.database.db)).toBe(before);
  });

  it("is refused by `pulsen org import`: exit 1, the lines named, a count of the rest, nothing written", async () => {
    const dir = tempDir();
    const databasePath = join(dir, "pulsen.db");
    const first = await pulsen(["org", "import", "none.csv"], { databasePath, cwd: dir });
    expect(first.code).toBe(1);
    for (const [kind, body] of Object.entries(GARBAGE)) {
      const file = `${kind.replace(/\W+/g, "-")}.csv`;
      writeFileSync(join(dir, file), body);
      const r = await pulsen(["org", "import", file], { databasePath, cwd: dir });
      expect(r.code, kind).toBe(1);
      expect(r.stderr, kind).toMatch(/nothing was imported/);
      const listed = r.stderr.split("\n").filter((l) => /^ {2}line \d+/.test(l));
      expect(listed.length, kind).toBeGreaterThan(0);
      expect(listed.length, kind).toBeLessThanOrEqual(100);
      expect(r.stderr.length, kind).toBeLessThan(20_000);
    }
    const tree = await pulsen(["org", "show"], { databasePath, cwd: dir });
    expect(tree.stdout + tree.stderr).toMatch(/no organization/);
  });

  it("is refused by the pulsen command as its own process in well under its start-up time", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "bad.csv"), GARBAGE["10,000 bad rows"]!);
    const began = performance.now();
    const r = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
      const child = spawn(process.execPath, [join(process.cwd(), "bin/pulsen.mjs"), "org", "import", "bad.csv"], {
        cwd: dir,
        env: { ...process.env, DATABASE_PATH: join(dir, "pulsen.db") },
        stdio: ["ignore", "ignore", "pipe"],
      });
      let stderr = "";
      child.stderr.on("data", (c) => (stderr += String(c)));
      child.on("exit", (code) => resolve({ code, stderr }));
    });
    const ms = performance.now() - began;
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^pulsen: the file has \d+ errors; nothing was imported\n {2}line 2: /);
    expect(r.stderr).toMatch(/… and \d+ more\n$/);
    expect(r.stderr.split("\n").length).toBeLessThanOrEqual(103);
    expect(ms).toBeLessThan(15_000);
  });
});
