import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config";
import { systemClock } from "../../src/core/clock";
import { organizations } from "../../src/db/schema";
import { startServer } from "../../src/server/start";
import { pulsen } from "../helpers/cli";
import { SMALL_ORG } from "../helpers/csv";
import { FakeSender } from "../helpers/fake-sender";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

describe("the CLI next to a running server", () => {
  it("opens a round that the server's outbox then sends, within seconds, with no restart", async () => {
    const dir = tempDir();
    writeFileSync(join(dir, "org.csv"), SMALL_ORG);
    const env = { cwd: dir, databasePath: join(dir, "pulsen.db"), clock: systemClock };
    const sender = new FakeSender(systemClock);
    const running = await startServer(
      loadConfig({ PORT: "0", DATABASE_PATH: env.databasePath }),
      silentLogger(),
      systemClock,
      {
        senders: { webchat: sender },
        tick: "* * * * * *",
      },
    );
    try {
      await pulsen(["org", "import", "org.csv"], env);
      // With no chat configured the fake is the web chat, which reaches only the demo organization (rule 9).
      running.database.db.update(organizations).set({ demo: true }).run();
      const { id } = (
        await pulsen(
          [
            "series",
            "create",
            "--name",
            "Puls",
            "--instrument",
            "quick-pulse",
            "--audience",
            "all",
            "--cadence",
            "0 9 * * 1",
            "--open-days",
            "5",
            "--reminders",
            "2",
            "--quiet-hours",
            "none",
            "--all-days",
            "--json",
          ],
          env,
        )
      ).json() as { id: string };
      const opened = await pulsen(["round", "open", id, "--json"], env);
      expect(opened.code).toBe(0);
      expect(sender.deliveries).toEqual([]); // the CLI itself sent nothing
      const began = Date.now();
      while (sender.deliveries.length < 5 && Date.now() - began < 5000) await new Promise((r) => setTimeout(r, 100));
      expect(sender.deliveries.map((d) => d.kind)).toEqual(["invite", "invite", "invite", "invite", "invite"]);
      const jobs = (await pulsen(["jobs", "--json"], env)).json() as {
        outbox: Record<string, number>;
        parked: unknown[];
      };
      expect(jobs.outbox).toEqual({ sent: 5 });
      expect(jobs.parked).toEqual([]);
    } finally {
      await running.stop();
    }
  });
});
