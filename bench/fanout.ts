import { spawn } from "node:child_process";
import { systemClock } from "../src/core/clock";
import type { Platform } from "../src/jobs/sender";
import { ALWAYS } from "../src/core/quiet-hours";
import { storeBuiltins } from "../src/db/instrument-store";
import { openDatabase } from "../src/db/open";
import { outbox, people, teamsReferences } from "../src/db/schema";
import { builtinInstruments } from "../src/instruments/catalog";
import { importOrgCsv } from "../src/org/import";
import { openRound } from "../src/rounds/open";
import { createSeries, getSeries } from "../src/rounds/series";
import { ConnectorStandIn } from "../tests/helpers/connector-standin";
import { csv } from "../tests/helpers/csv";
import { SlackStandIn } from "../tests/helpers/slack-standin";
import { SmtpStandIn } from "../tests/helpers/smtp-standin";
import { SlidingWindow, TokenBucket } from "../tests/helpers/standin-limits";

type Figure = (name: string, value: number, unit: string) => void;

/** 10,000; BENCH_FANOUT_PEOPLE sets fewer for a quick look. */
const PEOPLE = Number(process.env.BENCH_FANOUT_PEOPLE ?? 10_000);

/**
 * The limits each stand-in enforces, the platforms' own sped up so that 10,000 invitations take about a
 * minute each (real time, real HTTP and SMTP, the real clients):
 * - Slack chat.postMessage: one a second per channel, "short bursts >1 allowed", and a workspace-wide cap
 *   (docs.slack.dev/apis/web-api/rate-limits) that Slack does not publish: five a second with bursts of
 *   ten here, as Pulsen assumes. Everything 30× faster: 150 a second.
 * - Teams (learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit): per bot and conversation
 *   7 operations in 1 s, 8 in 2 s, 60 in 30 s, 1,800 in 3,600 s; 50 requests a second per app and tenant
 *   (bursts of one second's worth here). 3× faster: 150 a second.
 * - E-mail: SMTP_RATE_PER_MINUTE, set to 6,000; the relay refuses MAIL FROM with 451 beyond that rate
 *   (bursts of eleven seconds' worth: Pulsen's ten and one for jitter).
 * Each answers 429 (SMTP 451) beyond its limits. The minimum is the time the stand-in's overall bucket needs
 * for 10,000 messages: (10,000 − burst) ÷ rate; the per-conversation limits do not bind (one message each).
 * The time to deliver is from the commit that opened the round, made by another connection as the CLI
 * would, to the last message the stand-in accepted.
 */
const SLACK_SPEED = 30;
const TEAMS_SPEED = 3;
const EMAIL_PER_MINUTE = 6_000;

interface Outcome {
  /** Arrival times (ms, Date.now) and to whom. */
  received: { at: number; to: string }[];
  throttled: number;
}

interface Platform_ {
  name: "slack" | "teams" | "email";
  platform: Platform;
  bucket: TokenBucket;
  row: (i: number) => string;
  /** How much faster than the platform the stand-in's limits (and so the senders' pacing) run. */
  speed: number;
  start(): Promise<{ env: Record<string, string>; outcome: () => Outcome }>;
  seed?(path: string): void;
  stop(): Promise<void>;
}

function slack(): Platform_ {
  const standIn = new SlackStandIn();
  const user = (i: number) => `U${String(i).padStart(7, "0")}`;
  const bucket = new TokenBucket(10, 5 * SLACK_SPEED);
  return {
    name: "slack",
    platform: "slack",
    speed: SLACK_SPEED,
    bucket,
    row: (i) => `p${i}@fjord.example,P ${i},Fjord AS > Enhet ${i % 40},,,${user(i)},,,`,
    async start() {
      standIn.enforcePerChannel = true;
      standIn.perChannelMs = 1000 / SLACK_SPEED;
      standIn.workspace = bucket;
      for (let i = 0; i < PEOPLE; i++) standIn.users.add(user(i));
      await standIn.start();
      const env = { SLACK_BOT_TOKEN: "xoxb-t", SLACK_SIGNING_SECRET: "s", SLACK_API_URL: standIn.url };
      const outcome = () => ({
        received: standIn.messages.map((m) => ({ at: m.at ?? 0, to: m.channel })),
        throttled: standIn.calls.filter((c) => c.method === "chat.postMessage").length - standIn.messages.length,
      });
      return { env, outcome };
    },
    stop: () => standIn.stop(),
  };
}

function teams(): Platform_ {
  const standIn = new ConnectorStandIn();
  const aad = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;
  const bucket = new TokenBucket(50, 50 * TEAMS_SPEED);
  return {
    name: "teams",
    platform: "teams",
    speed: TEAMS_SPEED,
    bucket,
    row: (i) => `t${i}@fjord.example,T ${i},Fjord AS > Enhet ${i % 40},,,,${aad(i)},,`,
    async start() {
      const windows: [number, number][] = [
        [7, 1000],
        [8, 2000],
        [60, 30_000],
        [1800, 3_600_000],
      ];
      standIn.perConversation = windows.map(([n, ms]) => new SlidingWindow(n, ms / TEAMS_SPEED));
      standIn.global = bucket;
      await standIn.start();
      const outcome = () => ({
        received: standIn.sent.map((s) => ({ at: s.at, to: s.conversation })),
        throttled: standIn.throttled,
      });
      return { env: { TEAMS_UNAUTHENTICATED: "1" }, outcome };
    },
    // Everyone has installed the app: their 1:1 conversation references are known, as after the install.
    seed(path) {
      const h = openDatabase(path);
      try {
        const all = h.db.select({ id: people.id, aad: people.teamsAadObjectId }).from(people).all();
        const now = new Date();
        h.db.transaction((tx) => {
          for (const p of all) {
            const reference = {
              user: { id: `29:${p.aad}`, aadObjectId: p.aad },
              bot: { id: "28:bot", name: "Pulsen" },
              conversation: { id: `a:conv-${p.aad}`, conversationType: "personal", tenantId: "tenant-1" },
              channelId: "msteams",
              serviceUrl: standIn.url,
            };
            tx.insert(teamsReferences).values({ personId: p.id, reference, updatedAt: now }).run();
          }
        });
      } finally {
        h.close();
      }
    },
    stop: () => standIn.stop(),
  };
}

function email(): Platform_ {
  const standIn = new SmtpStandIn();
  // Pulsen's own bucket (ten seconds' worth) and a second's worth of slack for the network's jitter.
  const bucket = new TokenBucket(
    Math.ceil(EMAIL_PER_MINUTE / 6) + Math.ceil(EMAIL_PER_MINUTE / 60),
    EMAIL_PER_MINUTE / 60,
  );
  return {
    name: "email",
    platform: "email",
    speed: 1,
    bucket,
    row: (i) => `e${i}@fjord.example,E ${i},Fjord AS > Enhet ${i % 40},,,,,,`,
    async start() {
      standIn.rate = bucket;
      await standIn.start();
      const env = {
        SMTP_URL: standIn.url,
        MAIL_FROM: "HR <pulsen@fjord.example>",
        SMTP_RATE_PER_MINUTE: String(EMAIL_PER_MINUTE),
      };
      const outcome = () => ({
        received: standIn.messages.map((m) => ({ at: m.at, to: m.envelope.to.join(",") })),
        throttled: standIn.throttled,
      });
      return { env, outcome };
    },
    stop: () => standIn.stop(),
  };
}

async function run(dir: string, p: Platform_, figure: Figure): Promise<void> {
  const path = `${dir}/fanout-${p.name}.db`;
  const setup = openDatabase(path);
  const now = new Date();
  storeBuiltins(setup.db, builtinInstruments(), systemClock);
  const roster = csv(Array.from({ length: PEOPLE }, (_, i) => p.row(i)));
  importOrgCsv(setup.db, new TextEncoder().encode(roster), { dryRun: false, clock: systemClock });
  const series = { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: "0 9 1 * *" };
  const { id } = createSeries(setup.db, { ...series, openDays: 7, reminderDays: [3], window: { ...ALWAYS } }, now);
  setup.close();
  const { env, outcome } = await p.start();
  p.seed?.(path);
  const server = await serve(p.name, path, env, p.speed);
  try {
    // Another connection opens the round, as `pulsen round open` does next to the running server.
    const writer = openDatabase(path);
    writer.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, new Date(), { platforms: new Set([p.platform]) }),
    );
    const committed = Date.now();
    writer.close();
    const budget = committed + 3 * p.bucket.minimumMs(PEOPLE) + 30_000;
    while (outcome().received.length < PEOPLE && Date.now() < budget) await new Promise((r) => setTimeout(r, 100));
    // Anything sent twice would come right behind.
    await new Promise((r) => setTimeout(r, 500));
    const { received, throttled } = outcome();
    const per = new Map<string, number>();
    for (const r of received) per.set(r.to, (per.get(r.to) ?? 0) + 1);
    const last = Math.max(...received.map((r) => r.at));
    const check = openDatabase(path);
    const sent = check.db.select({ state: outbox.state }).from(outbox).all();
    check.close();
    figure(`fanout.${p.name}.ratio_to_min`, (last - committed) / p.bucket.minimumMs(PEOPLE), "×");
    figure(`fanout.${p.name}.lost`, PEOPLE - per.size, "people");
    figure(`fanout.${p.name}.duplicated`, [...per.values()].filter((n) => n > 1).length, "people");
    figure(`fanout.${p.name}.delivery_s`, (last - committed) / 1000, "s");
    figure(`fanout.${p.name}.throttled`, throttled, "calls");
    figure(`fanout.${p.name}.not_sent`, sent.filter((r) => r.state !== "sent").length, "messages");
  } finally {
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once("exit", resolve));
      server.kill("SIGTERM");
      await exited;
    }
    await p.stop();
  }
}

/** The server in its own process (bench/fanout-server.ts), once it listens. */
async function serve(name: string, path: string, env: Record<string, string>, speed: number) {
  const args = ["--import", "tsx", "bench/fanout-server.ts", name, path, JSON.stringify(env), String(speed)];
  const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (c: Buffer) => {
      if (String(c).includes("ready")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`the bench server exited (${code})`)));
  });
  return child;
}

/** 10,000 invitations on each of Slack, Teams and e-mail; see the limits above. */
export async function benchFanout(dir: string, figure: Figure, only?: string): Promise<void> {
  for (const p of [slack(), teams(), email()]) {
    if (only === undefined || only === p.name) await run(dir, p, figure);
  }
}
