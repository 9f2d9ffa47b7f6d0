import { spawn } from "node:child_process";
import Database from "better-sqlite3";
import { slackAdapter } from "../../adapters/slack";
import { Writable } from "node:stream";
import { loadConfig } from "../../src/config";
import { createLogger } from "../../src/log";
import { ManualClock } from "../../src/core/clock";
import { startServer } from "../../src/server/start";
import { csv } from "./csv";
import { roundOnFile } from "./round-on-file";
import { SlackStandIn } from "./slack-standin";
import { workerArgs } from "./worker";

/**
 * Where the Slack crash test kills the server process (tests/jobs/slack-crash-worker.ts) at message `at`:
 * - "before-send": the outbox row is claimed (state sending, lease taken), the request never left;
 * - "after-accepted": Slack has the message and is about to answer (killed from the stand-in);
 * - "in-transaction": Slack has answered, and the process is inside a write transaction recording sent rows.
 */
export type KillPoint = "before-send" | "in-transaction" | "after-accepted";

export interface SlackCrashOutcome {
  signal: NodeJS.Signals | null;
  /** Messages Slack had when the process died. */
  atCrash: number;
  /** PRAGMA integrity_check right after the kill. */
  integrity: string;
  /** Rows the killed transaction had written (it never committed: none may be there). */
  uncommitted: number;
  /** Slack messages per person's DM channel after the restart drained, and their metadata keys. */
  perChannel: Map<string, string[]>;
  channels: string[];
  /** Outbox states after the restart. */
  states: Record<string, number>;
}

const PREFIX = "U0CRASH";

/**
 * A round for `people` Slack users on a fresh file; the server process drains it against the Slack stand-in
 * and is SIGKILLed at `point` of message `at`; then a server restarts on the same file five minutes later
 * (past the lease) with nothing in memory and drains to the end, all in `dir`. Imports nothing from vitest.
 */
export async function slackCrash(o: {
  dir: string;
  people: number;
  at: number;
  point: KillPoint;
}): Promise<SlackCrashOutcome> {
  const now = new Date();
  const users = Array.from({ length: o.people }, (_, i) => `${PREFIX}${String(i).padStart(3, "0")}`);
  const roster = csv(users.map((u, i) => `p${i}@org.example,P ${i},Org > Enhet ${i % 3},,,${u},,,`));
  const { path } = roundOnFile({ roster, platforms: new Set(["slack"]), now, dir: o.dir });
  const slack = new SlackStandIn();
  for (const u of users) slack.users.add(u);
  await slack.start();
  try {
    const args = [...workerArgs("slack-crash-worker"), path, slack.url, o.point, String(o.at)];
    const worker = spawn(process.execPath, [...args, String(now.getTime())], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    worker.stderr.on("data", (c) => (stderr += String(c)));
    if (o.point === "after-accepted") slack.onPost = (count) => void (count === o.at && worker.kill("SIGKILL"));
    else worker.stdout.on("data", (c) => void (/claimed|in-transaction/.test(String(c)) && worker.kill("SIGKILL")));
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => worker.on("exit", (_c, s) => resolve(s)));
    if (signal !== "SIGKILL") throw new Error(`the worker was not killed (${signal}): ${stderr.slice(0, 2000)}`);
    slack.onPost = null;
    const atCrash = slack.messages.length;

    const file = new Database(path);
    const integrity = String(file.pragma("integrity_check", { simple: true }));
    const uncommitted = (
      file.prepare("select count(*) as n from outbox where platform_message_id = 'uncommitted'").get() as { n: number }
    ).n;
    file.close();

    const clock = new ManualClock(new Date(now.getTime() + 5 * 60_000));
    const env = { PORT: "0", DATABASE_PATH: path, SLACK_BOT_TOKEN: "xoxb-crash-test", SLACK_API_URL: slack.url };
    const config = loadConfig({ ...env, SLACK_SIGNING_SECRET: "crash-test-secret" });
    const running = await startServer(
      config,
      createLogger("silent", new Writable({ write: (_c, _e, done) => done() })),
      clock,
      { adapters: [slackAdapter], tick: null },
    );
    try {
      for (let idle = 0; idle < 3; ) {
        const { outbox } = await running.scheduler.tick();
        idle = outbox.sent === 0 && outbox.retried === 0 ? idle + 1 : 0;
        clock.advance(1000);
      }
      const rows = running.database.sqlite.prepare("select state, count(*) as n from outbox group by state").all() as {
        state: string;
        n: number;
      }[];
      const perChannel = new Map<string, string[]>();
      for (const m of slack.messages) {
        const key = String(m.metadata?.event_payload.key ?? "");
        perChannel.set(m.channel, [...(perChannel.get(m.channel) ?? []), key]);
      }
      return {
        signal,
        atCrash,
        integrity,
        uncommitted,
        perChannel,
        channels: users.map((u) => slack.dm(u)),
        states: Object.fromEntries(rows.map((r) => [r.state, r.n])),
      };
    } finally {
      await running.stop();
    }
  } finally {
    await slack.stop();
  }
}
