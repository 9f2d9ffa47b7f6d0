import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { encodeAction } from "../../src/bot/actions";
import type { BotAction, FormValues } from "../../src/bot/message";
import { loadConfig } from "../../src/config";
import { type RunningServer, startServer } from "../../src/server/start";
import {
  type Cycle,
  cycleOrg,
  type Driver,
  EMAILS,
  type FormSeen,
  planCycle,
  type Seen,
  seedCycle,
} from "../helpers/plan-cycle";
import { buttonsOf, interaction, until } from "../helpers/slack-interaction";
import { signedPost } from "../helpers/slack-sign";
import { type SlackMessage, SlackStandIn } from "../helpers/slack-standin";
import { silentLogger } from "../helpers/world";

const SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
let standIn = new SlackStandIn();
let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await standIn.stop();
});

const slackId = (email: string) => `U0${email.split("@")[0]!.toUpperCase()}`;
type Json = Record<string, unknown>;

/** Every text a person reads in some Block Kit (or a view), in order. */
function textOf(node: unknown): string {
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  if (node === null || typeof node !== "object") return "";
  return Object.entries(node as Json)
    .map(([k, v]) => (k === "text" && typeof v === "string" ? v : k === "value" ? "" : textOf(v)))
    .filter(Boolean)
    .join(" ");
}

/** What Slack sends back for each input of a modal, by element type (the view_submission's state). */
function stateOf(view: Json, values: FormValues): Json {
  const out: Json = {};
  for (const b of view.blocks as Json[]) {
    if (b.type !== "input") continue;
    const e = b.element as Json;
    const v = values[String(b.block_id)];
    const list = v === undefined ? [] : Array.isArray(v) ? v : v === "" ? [] : [v];
    const opt = (value: string) => ({ text: { type: "plain_text", text: value }, value });
    const state: Json = { type: e.type };
    if (e.type === "plain_text_input") state.value = list[0] ?? null;
    else if (e.type === "datepicker") state.selected_date = list[0] ?? null;
    else if (e.type === "static_select" || e.type === "external_select")
      state.selected_option = list[0] === undefined ? null : opt(list[0]);
    else state.selected_options = list.map(opt);
    out[String(b.block_id)] = { [String(e.action_id)]: state };
  }
  return out;
}

/** Slack as a person uses it: signed interactions to the real Bolt app, everything shown read from the stand-in. */
function slackDriver(server: RunningServer): Driver {
  const events = `${server.url}/slack/events`;
  const dm = (email: string) => standIn.inChannel(standIn.dm(slackId(email)));
  const tapAndWait = async (email: string, m: SlackMessage, action: BotAction, trigger?: string) => {
    const button = { action_id: "pulsen:button:0", block_id: "pulsen_buttons_0", value: encodeAction(action) };
    const before = standIn.calls.length;
    const res = await signedPost(
      events,
      SECRET,
      interaction(standIn.url, slackId(email), m, button, undefined, trigger),
    );
    expect(res.status).toBe(200);
    await until(() => standIn.calls.length > before);
  };
  const payload = (body: Json) => `payload=${encodeURIComponent(JSON.stringify(body))}`;
  const envelope = (email: string) => ({
    user: { id: slackId(email), team_id: "T0001" },
    team: { id: "T0001" },
    api_app_id: "A0001",
    token: "legacy",
  });
  const viewOf = (form: FormSeen) => standIn.views.get(form.handle as string)!;
  return {
    inbox: async (email) =>
      dm(email).map(
        (m): Seen => ({
          text: `${m.text} ${textOf(m.blocks)}`,
          actions: buttonsOf(m)
            .filter((b) => b.value !== undefined)
            .map((b) => JSON.parse(b.value) as BotAction),
          handle: m,
        }),
      ),
    tap: (email, seen, action) => tapAndWait(email, seen.handle as SlackMessage, action),
    openPlan: async (email, seen, action) => {
      const opened = standIn.views.size;
      await tapAndWait(email, seen.handle as SlackMessage, action, standIn.trigger(slackId(email)));
      await until(() => standIn.views.size > opened);
      const { id, view } = [...standIn.views.values()].pop()!;
      const blocks = view.blocks as Json[];
      return {
        text: `${textOf(view.title)} ${textOf(blocks)}`,
        fieldIds: blocks.filter((b) => b.type === "input").map((b) => String(b.block_id)),
        chosen: (field) => {
          const e = blocks.find((b) => b.block_id === field)?.element as Json | undefined;
          const many = (e?.initial_options as Json[] | undefined) ?? [];
          const one = e?.initial_option as Json | undefined;
          return [...many, ...(one ? [one] : [])].map((o) => String(o.value));
        },
        handle: id,
      };
    },
    search: async (email, form, fieldId, query) => {
      const { id, view } = viewOf(form);
      const block = (view.blocks as Json[]).find((b) => b.block_id === fieldId)!;
      const body = payload({
        type: "block_suggestion",
        ...envelope(email),
        action_id: (block.element as Json).action_id,
        block_id: fieldId,
        value: query,
        view: { id, type: "modal", callback_id: view.callback_id, private_metadata: view.private_metadata },
      });
      const res = await signedPost(events, SECRET, body);
      expect(res.status).toBe(200);
      const { options } = (await res.json()) as { options: { text: { text: string }; value: string }[] };
      return options.map((o) => ({ value: o.value, label: o.text.text }));
    },
    submit: async (email, form, values) => {
      const { id, view, hash } = viewOf(form);
      const posted = dm(email).length;
      const body = payload({
        type: "view_submission",
        ...envelope(email),
        trigger_id: standIn.trigger(slackId(email)),
        view: {
          id,
          hash,
          type: "modal",
          callback_id: view.callback_id,
          private_metadata: view.private_metadata,
          state: { values: stateOf(view, values) },
        },
      });
      const res = await signedPost(events, SECRET, body);
      expect(res.status).toBe(200);
      const text = await res.text();
      if (text !== "") {
        const ack = JSON.parse(text) as { response_action?: string; errors?: Record<string, string> };
        if (ack.response_action === "errors") return ack.errors ?? {};
      }
      // The modal closes; what was saved is posted in the leader's DM.
      await until(() => dm(email).length > posted);
      return null;
    },
  };
}

describe("the action plan's whole cycle in Slack", () => {
  it("is made in a modal, followed up on the right days, asked about in the next round and exported", async () => {
    standIn = new SlackStandIn();
    await standIn.start();
    for (const email of [EMAILS.leader, ...EMAILS.members]) standIn.users.add(slackId(email));
    const seed = seedCycle(
      cycleOrg((email) => ({ slack: slackId(email) })),
      false,
    );
    const config = loadConfig({
      PORT: "0",
      DATABASE_PATH: seed.path,
      SLACK_BOT_TOKEN: "xoxb-test",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_API_URL: standIn.url,
    });
    running = await startServer(config, silentLogger(), seed.clock, { adapters: [slackAdapter], tick: null });
    const c: Cycle = { server: running, clock: seed.clock, seriesId: seed.seriesId, platform: "slack" };
    await planCycle(c, slackDriver(running));
    // Every modal was opened with a fresh trigger, within Slack's 3 seconds.
    expect(standIn.calls.filter((x) => x.method === "views.open").length).toBe(1);
  });
  it.todo(
    "the next round asks the appreciative question too, and the digest says how many answered it " +
      "(the plans work's appreciative question, not merged yet)",
  );
});
