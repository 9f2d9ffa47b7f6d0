import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { teamsAdapter } from "../../adapters/teams";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import type { Db } from "../../src/db/open";
import { answers, draftAnswers, invitations, responses } from "../../src/db/schema";
import type { Platform } from "../../src/jobs/sender";
import { type RunningServer, startServer } from "../../src/server/start";
import { ConnectorStandIn } from "../helpers/connector-standin";
import { csv } from "../helpers/csv";
import { roundOnFile } from "../helpers/round-on-file";
import { buttonsOf, interaction, type SlackButton, until } from "../helpers/slack-interaction";
import { signedPost } from "../helpers/slack-sign";
import { SlackStandIn } from "../helpers/slack-standin";
import { silentLogger } from "../helpers/world";

// Slack retries an interaction it got no 200 for within 3 s, signed anew, with x-slack-retry-num; Teams'
// channel may deliver an invoke again under the same activity id. Either way the person tapped once.

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
const AAD = "00000000-0000-4000-8000-000000000001";
let running: RunningServer | null = null;
let stop: (() => Promise<void>) | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await stop?.();
});

/** One person invited to a quick pulse (4 statements, then the comment) on `platform`. */
async function serve(platform: Platform, env: Record<string, string>, clock: ManualClock) {
  const row = platform === "slack" ? "p0@org.example,P 0,Org,,,U0RETRY,,," : `p0@org.example,P 0,Org,,,,${AAD},,`;
  const { path, roundId } = roundOnFile({ roster: csv([row]), platforms: new Set([platform]), now: clock.now() });
  const config = loadConfig({ PORT: "0", DATABASE_PATH: path, ...env });
  const adapters = [platform === "slack" ? slackAdapter : teamsAdapter];
  running = await startServer(config, silentLogger(), clock, { adapters, tick: null });
  return { server: running, roundId };
}

/** What was counted: answers of the round's submitted responses, drafts left, and whether the invitation is done. */
function counted(db: Db, roundId: string) {
  const submitted = db.select().from(responses).where(eq(responses.roundId, roundId)).all();
  return {
    responses: submitted.length,
    answers: submitted.length === 0 ? 0 : db.select().from(answers).all().length,
    drafts: db.select().from(draftAnswers).where(eq(draftAnswers.roundId, roundId)).all().length,
    completed: db
      .select()
      .from(invitations)
      .where(and(eq(invitations.roundId, roundId), eq(invitations.completed, true)))
      .all().length,
  };
}

describe("the same interaction delivered three times", () => {
  it("Slack: an answer and the final send, each delivered with two retries, are counted once", async () => {
    const slack = new SlackStandIn();
    await slack.start();
    slack.users.add("U0RETRY");
    stop = () => slack.stop();
    const clock = new ManualClock("2026-11-24T09:00:00Z");
    const env = { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: SECRET, SLACK_API_URL: slack.url };
    const { server, roundId } = await serve("slack", env, clock);
    await server.scheduler.tick();
    const m = slack.inChannel(slack.dm("U0RETRY"))[0]!;
    const value = (b: SlackButton) => JSON.parse(b.value) as { a: string; v?: unknown };
    /** One tap, delivered by Slack `times` times at once (the first, then its retries, each signed anew);
     * waits until the message shows `next`. */
    const tap = async (pick: (b: SlackButton) => boolean, next: (text: string) => boolean, times = 1) => {
      clock.advance(3000);
      const body = interaction(slack.url, "U0RETRY", m, buttonsOf(m).find(pick)!);
      const ts = Math.floor(Date.now() / 1000);
      const deliveries = Array.from({ length: times }, (_, n) =>
        signedPost(`${server.url}/slack/events`, SECRET, body, {
          timestamp: ts + n,
          headers: n === 0 ? {} : { "x-slack-retry-num": String(n), "x-slack-retry-reason": "http_timeout" },
        }),
      );
      expect((await Promise.all(deliveries)).map((r) => r.status)).toEqual(Array(times).fill(200));
      await until(() => next(m.text));
    };
    const answer = (v: number) => (b: SlackButton) => value(b).a === "answer" && value(b).v === v;
    await tap(
      (b) => value(b).a === "start",
      (t) => t === "Utsagn 1 av 4",
    );
    await tap(answer(4), (t) => t === "Utsagn 2 av 4", 3);
    // Let every retry's reply land: one answer, one step on (the retries found the statement already left).
    await new Promise((r) => setTimeout(r, 200));
    expect(m.text).toBe("Utsagn 2 av 4");
    expect(counted(server.database.db, roundId)).toMatchObject({ drafts: 1, responses: 0 });
    for (const [v, k] of [
      [3, 3],
      [5, 4],
    ] as const)
      await tap(answer(v), (t) => t === `Utsagn ${k} av 4`);
    await tap(answer(2), () => buttonsOf(m).some((b) => value(b).a === "skip_comment"));
    await tap(
      (b) => value(b).a === "skip_comment",
      (t) => t === "Takk for svarene!",
      3,
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(counted(server.database.db, roundId)).toEqual({ responses: 1, answers: 4, drafts: 0, completed: 1 });
    // What the person sees: the one message, thanked once, nothing else posted.
    expect(m.text).toBe("Takk for svarene!");
    expect(slack.inChannel(slack.dm("U0RETRY"))).toHaveLength(1);
  });

  it("Teams: an invoke delivered three times under one activity id is counted once", async () => {
    const connector = new ConnectorStandIn();
    await connector.start();
    stop = () => connector.stop();
    const clock = new ManualClock("2026-11-24T09:00:00Z");
    const { server, roundId } = await serve("teams", { TEAMS_UNAUTHENTICATED: "1" }, clock);
    const base = {
      channelId: "msteams",
      serviceUrl: connector.url,
      from: { id: `29:${AAD}`, aadObjectId: AAD, name: "P 0" },
      recipient: { id: "28:bot", name: "Pulsen" },
      conversation: { id: `a:conv-${AAD}`, conversationType: "personal", tenantId: "tenant-1" },
      channelData: { tenant: { id: "tenant-1" } },
    };
    const post = (body: unknown) =>
      fetch(`${server.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await post({ type: "installationUpdate", id: "install-0", action: "add", ...base });
    await server.scheduler.tick();
    type Action = { data: { pulsen: { a: string; v?: unknown } } };
    type Card = { body: { type: string; text?: string; actions?: Action[] }[] };
    const actions = (c: Card) => c.body.filter((b) => b.type === "ActionSet").flatMap((b) => b.actions ?? []);
    let card = (connector.sent[0]!.activity.attachments as { content: Card }[])[0]!.content;
    let seq = 0;
    /** One tap; Teams delivers its invoke `times` times, one after another, under the same id. */
    const tap = async (pick: (a: Action) => boolean, times = 1) => {
      clock.advance(3000);
      const action = actions(card).find(pick)!;
      const invoke = {
        type: "invoke",
        id: `tap-${++seq}`,
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb: "pulsen", data: action.data } },
        ...base,
      };
      const cards: Card[] = [];
      for (let n = 0; n < times; n++) {
        const res = await post(invoke);
        expect(res.status).toBe(200);
        cards.push(((await res.json()) as { value: Card }).value);
      }
      card = cards[0]!;
      return cards;
    };
    const is = (a: string, v?: unknown) => (x: Action) =>
      x.data.pulsen.a === a && (v === undefined || x.data.pulsen.v === v);
    await tap(is("start"));
    const afterFirst = await tap(is("answer", 4), 3);
    expect(counted(server.database.db, roundId)).toMatchObject({ drafts: 1, responses: 0 });
    for (const v of [3, 5, 2]) await tap(is("answer", v));
    const thanks = await tap(is("skip_comment"), 3);
    expect(counted(server.database.db, roundId)).toEqual({ responses: 1, answers: 4, drafts: 0, completed: 1 });
    // The card each delivery answers with: the same state every time, never a step further.
    const text = (c: Card) => c.body.map((b) => b.text ?? "").join(" ");
    expect(new Set(afterFirst.map(text)).size).toBe(1);
    expect(text(afterFirst[0]!)).toContain("2 av 4");
    expect(new Set(thanks.map(text)).size).toBe(1);
    expect(text(thanks[0]!)).toContain("Takk for svarene");
  });
});
