import { type ChildProcess, fork } from "node:child_process";
import { createHmac } from "node:crypto";
import { fileURLToPath } from "node:url";
import { count } from "drizzle-orm";
import { build } from "esbuild";
import { BotFrameworkStandIn } from "../tests/helpers/botframework-standin";
import { csv } from "../tests/helpers/csv";
import { SlackStandIn } from "../tests/helpers/slack-standin";
import { ALWAYS } from "../src/core/quiet-hours";
import { storeBuiltins } from "../src/db/instrument-store";
import { openDatabase } from "../src/db/open";
import { responses } from "../src/db/schema";
import { builtinInstruments } from "../src/instruments/catalog";
import type { Platform } from "../src/jobs/sender";
import { importOrgCsv } from "../src/org/import";
import { openRound } from "../src/rounds/open";
import { createSeries, getSeries } from "../src/rounds/series";
import type { ServerKind, ServerSetup } from "./interaction-server";

/**
 * Clicks against Pulsen and against a bare Bolt app / botbuilder bot, at a fixed rate, same run, in turns. Each server
 * runs in its own child process (interaction-server.ts), so its CPU over the measured window is its own.
 * Every Pulsen click is a real step of a real survey on a real SQLite file: four answers, then the comment
 * step skipped (which stores the response). Latency is request sent → HTTP response (the ack).
 * BENCH_INTERACTION_S sets the measured seconds (default 60: a p99 over 6,000 clicks, not 2,000, is one
 * stall more or less, not a different figure); BENCH_CPU_PROF=dir profiles the children;
 * BENCH_INTERACTION_PLATFORMS=slack (or teams) measures one platform only.
 */
const RATE = 100;
/** Long enough for the pipeline below to fill: by its end every step, the submit too, is being clicked. */
const WARM_S = 6;
/**
 * Measured windows per server, taken in turns with the other server's: 5 s each at the default 60 s. With
 * four 15-s windows the machine's own drift (the bare apps' CPU per click moves 2.3–2.9 ms between runs)
 * fell on one server more than the other, and the ratios moved by ±0.1 from run to run.
 */
const WINDOWS = 12;
const SECRET = "bench-signing-secret";
const APP_ID = "11111111-1111-1111-1111-111111111111";
const ITEMS = ["wellbeing-1", "wellbeing-2", "wellbeing-3", "wellbeing-4"];
const CLICKS_PER_PERSON = ITEMS.length + 1;
/**
 * Click k is step k % 5 of person floor(k / 5) - step × GAP: everyone answers at one pace (GAP × 5 clicks
 * at RATE = 1.5 s a step, well past the 1-s double-tap guard), people start one after another, and so the clicks of
 * every second mix the five steps as a round's clicks do, a fifth of them submits. (Until #17's last
 * session person k % n took step k / n: every submit came in the last fifth, 100 submits a second.)
 */
const GAP = 30;
const user = (i: number) => `U${String(i).padStart(8, "0")}`;
const aad = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, "0")}`;

type Figure = (name: string, value: number, unit: string) => void;
interface Run {
  latencies: number[];
  cpuMsPerClick: number;
  failed: number;
}

/** The action a person's k-th click is: the statement on their screen, then the comment step skipped. */
function action(roundId: string, step: number, i: number): Record<string, unknown> {
  if (step < ITEMS.length) return { a: "answer", r: roundId, i: ITEMS[step], v: ((i + step) % 5) + 1 };
  return { a: "skip_comment", r: roundId };
}

function slackBody(roundId: string, step: number, i: number): string {
  const payload = {
    type: "block_actions",
    user: { id: user(i), team_id: "T0001" },
    team: { id: "T0001" },
    api_app_id: "A0001",
    trigger_id: "1.2.3",
    container: { type: "message", message_ts: "1700000000.000001", channel_id: `D${user(i)}`, is_ephemeral: false },
    channel: { id: `D${user(i)}` },
    message: { ts: "1700000000.000001", text: "", blocks: [] },
    actions: [
      {
        type: "button",
        action_id: step < ITEMS.length ? `pulsen:answer:${step}` : "pulsen:skip_comment",
        block_id: "b",
        value: JSON.stringify(action(roundId, step, i)),
        action_ts: String(Date.now() / 1000),
      },
    ],
    state: { values: {} },
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

function slackRequest(url: string, body: string): Promise<Response> {
  const ts = Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", SECRET).update(`v0:${ts}:${body}`).digest("hex")}`;
  const headers = {
    "content-type": "application/x-www-form-urlencoded",
    "x-slack-request-timestamp": String(ts),
    "x-slack-signature": signature,
  };
  return fetch(`${url}/slack/events`, { method: "POST", headers, body });
}

function teamsRequest(url: string, token: string, serviceUrl: string, data: unknown, i: number): Promise<Response> {
  const activity = {
    type: "invoke",
    name: "adaptiveCard/action",
    id: `invoke-${i}-${Math.random()}`,
    channelId: "msteams",
    serviceUrl,
    from: { id: `29:${aad(i)}`, aadObjectId: aad(i), name: "T" },
    recipient: { id: "28:bot", name: "Pulsen" },
    conversation: { id: `a:conv-${aad(i)}`, conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
    value: { action: { type: "Action.Execute", verb: "pulsen", data: { pulsen: data } } },
  };
  const headers = { "content-type": "application/json", authorization: `Bearer ${token}` };
  return fetch(`${url}/api/messages`, { method: "POST", headers, body: JSON.stringify(activity) });
}

/** A fresh file with everyone imported and a quick pulse open for them now, closed again for the server. */
function roundOnFile(path: string, roster: string, platform: Platform): string {
  const now = new Date();
  const clock = { now: () => now };
  const setup = openDatabase(path);
  try {
    storeBuiltins(setup.db, builtinInstruments(), clock);
    importOrgCsv(setup.db, new TextEncoder().encode(roster), { dryRun: false, clock });
    const series = { name: "Puls", instrumentId: "quick-pulse", audience: "all", cadence: "0 9 1 * *" };
    const { id } = createSeries(setup.db, { ...series, openDays: 7, reminderDays: [3], window: { ...ALWAYS } }, now);
    return setup.db.transaction((tx) =>
      openRound(tx, getSeries(tx, id), null, now, { platforms: new Set([platform]) }),
    );
  } finally {
    setup.close();
  }
}

/**
 * The servers as plain JavaScript, bundled like dist/main.js (what ships), inside dist/ so the package
 * root is found from them: through tsx, its loader thread's CPU would count for both sides.
 */
async function buildServer(): Promise<string> {
  const out = fileURLToPath(new URL("../dist/bench/interaction-server.js", import.meta.url));
  await build({
    entryPoints: [fileURLToPath(new URL("./interaction-server.ts", import.meta.url))],
    outfile: out,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  return out;
}

function startChild(server: string, setup: ServerSetup): Promise<{ child: ChildProcess; url: string }> {
  const prof = process.env.BENCH_CPU_PROF;
  const child = fork(server, [JSON.stringify(setup)], {
    execArgv: prof ? ["--cpu-prof", `--cpu-prof-dir=${prof}`] : [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise((resolve, reject) => {
    child.once("message", (m: { url: string }) => resolve({ child, url: m.url }));
    child.once("exit", (code) => reject(new Error(`${setup.kind} exited with ${code}`)));
  });
}

function cpuOf(child: ChildProcess): Promise<number> {
  return new Promise((resolve) => {
    child.once("message", (m: { cpu: NodeJS.CpuUsage }) => resolve((m.cpu.user + m.cpu.system) / 1000));
    child.send("cpu");
  });
}

/** Open loop: clicks from..to-1 leave RATE a second, whatever the answers before them did; CPU over the window. */
async function load(child: ChildProcess, from: number, to: number, click: (k: number) => Promise<Response>) {
  const latencies: number[] = [];
  const pending: Promise<void>[] = [];
  let failed = 0;
  const cpuStart = await cpuOf(child);
  const began = performance.now();
  for (let k = from; k < to; k++) {
    const wait = began + ((k - from) * 1000) / RATE - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const sent = performance.now();
    pending.push(
      click(k).then(
        async (res) => {
          await res.arrayBuffer();
          if (res.status !== 200) failed++;
          latencies.push(performance.now() - sent);
        },
        () => void failed++,
      ),
    );
  }
  await Promise.all(pending);
  return { latencies, cpuMs: (await cpuOf(child)) - cpuStart, failed };
}

function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * q))] ?? Number.NaN;
}
const p99 = (values: number[]) => quantile(values, 0.99);

/**
 * Both servers run at once, loaded in turns: warm-up, then WINDOWS windows each, alternating. Whatever
 * else the machine does (the disk still writing out the fan-out bench, another process) falls on both
 * alike instead of on whichever ran second.
 */
async function measurePair(
  setups: [ServerSetup, ServerSetup],
  seconds: number,
  click: (k: number, url: string) => Promise<Response>,
): Promise<[Run, Run]> {
  const server = await buildServer();
  const started = await Promise.all(setups.map((setup) => startChild(server, setup)));
  try {
    const warm = WARM_S * RATE;
    for (const { child, url } of started) await load(child, 0, warm, (k) => click(k, url));
    const runs: Run[] = started.map(() => ({ latencies: [], cpuMsPerClick: 0, failed: 0 }));
    const perWindow = Math.round((seconds * RATE) / WINDOWS);
    for (let w = 0; w < WINDOWS; w++) {
      const from = warm + w * perWindow;
      for (const [n, { child, url }] of started.entries()) {
        const r = await load(child, from, from + perWindow, (k) => click(k, url));
        const run = runs[n]!;
        run.latencies.push(...r.latencies);
        run.cpuMsPerClick += r.cpuMs / (perWindow * WINDOWS);
        run.failed += r.failed;
      }
    }
    return [runs[0]!, runs[1]!];
  } finally {
    await Promise.all(
      started.map(({ child }) => {
        const exited = new Promise((r) => child.once("exit", r));
        child.send("stop");
        return exited;
      }),
    );
  }
}

function report(figure: Figure, platform: string, ours: Run, bare: Run): void {
  const p = p99(ours.latencies);
  figure(`interactions.${platform}.p99_ms`, p, "ms");
  figure(`interactions.${platform}.p99_ratio_to_bare`, p / p99(bare.latencies), "×");
  figure(`interactions.${platform}.cpu_ratio_to_bare`, ours.cpuMsPerClick / bare.cpuMsPerClick, "×");
  figure(`interactions.${platform}.cpu_ms_per_click`, ours.cpuMsPerClick, "ms");
  figure(`interactions.${platform}.bare_p99_ms`, p99(bare.latencies), "ms");
  figure(`interactions.${platform}.p50_ms`, quantile(ours.latencies, 0.5), "ms");
  figure(`interactions.${platform}.bare_p50_ms`, quantile(bare.latencies, 0.5), "ms");
  figure(`interactions.${platform}.bare_cpu_ms_per_click`, bare.cpuMsPerClick, "ms");
  figure(`interactions.${platform}.failed`, ours.failed, "clicks");
  figure(`interactions.${platform}.bare_failed`, bare.failed, "clicks");
}

export async function benchInteractions(dir: string, figure: Figure): Promise<void> {
  const seconds = Number(process.env.BENCH_INTERACTION_S ?? 60);
  const ticks = Math.ceil(((WARM_S + seconds) * RATE) / CLICKS_PER_PERSON);
  // While the pipeline fills, a slot whose person would start before the first is a newcomer's first answer.
  const fillers = ITEMS.length * ITEMS.length * GAP;
  const people = ticks + fillers;
  const rows = Array.from(
    { length: people },
    (_, i) => `p${i}@fjord.example,P ${i},Fjord > E${i % 40},,,${user(i)},${aad(i)},,`,
  );
  const slackStandIn = new SlackStandIn();
  const bf = new BotFrameworkStandIn();
  await Promise.all([slackStandIn.start(), bf.start()]);
  for (let i = 0; i < people; i++) {
    const m = { channel: `D${user(i)}`, ts: "1700000000.000001", text: "", blocks: [], updates: 0 };
    slackStandIn.messages.push(m);
  }
  const base = { signingSecret: SECRET, slackApiUrl: slackStandIn.url, appId: APP_ID, databasePath: "" };
  const setup = (kind: ServerKind, databasePath = ""): ServerSetup => ({
    ...base,
    kind,
    databasePath,
    openIdMetadataUrl: bf.metadataUrl,
  });
  // The person and step of click k (GAP above).
  const who = (k: number) => {
    const tick = Math.floor(k / CLICKS_PER_PERSON);
    const step = k % CLICKS_PER_PERSON;
    const i = tick - step * GAP;
    return i >= 0 ? { i, step } : { i: ticks + tick * ITEMS.length + step - 1, step: 0 };
  };
  /** Submits sent but not stored as responses: 0 when every click was taken as the step it was meant as. */
  const submitsNotStored = (path: string) => {
    const clicks = WARM_S * RATE + WINDOWS * Math.round((seconds * RATE) / WINDOWS);
    let sent = 0;
    for (let k = 0; k < clicks; k++) if (who(k).step === ITEMS.length) sent++;
    const file = openDatabase(path);
    try {
      return sent - (file.db.select({ n: count() }).from(responses).get()?.n ?? 0);
    } finally {
      file.close();
    }
  };
  const only = process.env.BENCH_INTERACTION_PLATFORMS?.split(",");
  const measured = (p: string) => only === undefined || only.includes(p);
  try {
    if (measured("slack")) await benchSlack();
    if (measured("teams")) await benchTeams();
  } finally {
    await Promise.all([slackStandIn.stop(), bf.stop()]);
  }

  async function benchSlack() {
    const slackRound = roundOnFile(`${dir}/slack.db`, csv(rows), "slack");
    const slackClick = (k: number, url: string) => slackRequest(url, slackBody(slackRound, who(k).step, who(k).i));
    const pair = [setup("pulsen-slack", `${dir}/slack.db`), setup("bare-slack")] as [ServerSetup, ServerSetup];
    const [ourSlack, bareSlack] = await measurePair(pair, seconds, slackClick);
    report(figure, "slack", ourSlack, bareSlack);
    figure("interactions.slack.submits_not_stored", submitsNotStored(`${dir}/slack.db`), "responses");
  }

  async function benchTeams() {
    const serviceUrl = "http://127.0.0.1:9/connector";
    const token = await bf.token({ appId: APP_ID, serviceUrl });
    const teamsRound = roundOnFile(`${dir}/teams.db`, csv(rows), "teams");
    const teamsClick = (k: number, url: string) => {
      const { i, step } = who(k);
      return teamsRequest(url, token, serviceUrl, action(teamsRound, step, i), i);
    };
    const teamsPair = [setup("pulsen-teams", `${dir}/teams.db`), setup("bare-teams")] as [ServerSetup, ServerSetup];
    const [ourTeams, bareTeams] = await measurePair(teamsPair, seconds, teamsClick);
    report(figure, "teams", ourTeams, bareTeams);
    figure("interactions.teams.submits_not_stored", submitsNotStored(`${dir}/teams.db`), "responses");
  }
}
