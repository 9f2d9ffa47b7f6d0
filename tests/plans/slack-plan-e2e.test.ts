import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { encodeAction } from "../../src/bot/actions";
import type { BotAction, FormValues } from "../../src/bot/message";
import { loadConfig } from "../../src/config";
import { unitChannels, units } from "../../src/db/schema";
import { openRound } from "../../src/rounds/open";
import { getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import {
  type Cycle,
  cycleOrg,
  type Driver,
  EMAILS,
  type FormSeen,
  planCycle,
  runUntil,
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
  const tapAndWait = async (email: string, m: SlackMessage, action: BotAction, trigger?: string, text?: string) => {
    const button = { action_id: "pulsen:button:0", block_id: "pulsen_buttons_0", value: encodeAction(action) };
    const before = standIn.calls.length;
    const res = await signedPost(events, SECRET, interaction(standIn.url, slackId(email), m, button, text, trigger));
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
    tap: (email, seen, action, text) => tapAndWait(email, seen.handle as SlackMessage, action, undefined, text),
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

async function boot() {
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
  return c;
}

describe("the action plan's whole cycle in Slack", () => {
  it("is opened from the unit's channel by its leader only, and shared back to that channel", async () => {
    const c = await boot();
    const db = c.server.database.db;
    const drift = db.select({ id: units.id }).from(units).where(eq(units.path, "Fjord AS > Drift")).get()!.id;
    const channel = { unitId: drift, platform: "slack" as const, channel: "C0LEADERS1", createdAt: c.clock.now() };
    db.insert(unitChannels).values(channel).run();
    standIn.memberOf.add("C0LEADERS1");
    const r = db.transaction((tx) =>
      openRound(tx, getSeries(tx, c.seriesId as never), null, c.clock.now(), { platforms: new Set(["slack"]) }),
    );
    await runUntil(c, "2026-11-09T08:30:00Z");
    // Nobody answered: the digest shows no figure, and the team can still agree on measures.
    const digest = standIn.inChannel("C0LEADERS1").at(-1)!;
    const planTap = buttonsOf(digest)
      .filter((b) => b.value !== undefined)
      .map((b) => JSON.parse(b.value) as BotAction)
      .find((a) => a.a === "plan")!;
    expect(planTap).toEqual({ a: "plan", r, u: drift });
    const d = slackDriver(c.server);
    const seen: Seen = { text: digest.text, actions: [planTap], handle: digest };
    const ola = EMAILS.members[1]!;
    const opened = standIn.views.size;
    const refusedTrigger = standIn.trigger(slackId(ola));
    const body = interaction(
      standIn.url,
      slackId(ola),
      digest,
      {
        action_id: "pulsen:button:0",
        block_id: "b",
        value: JSON.stringify(planTap),
      },
      undefined,
      refusedTrigger,
    );
    await signedPost(`${c.server.url}/slack/events`, SECRET, body);
    await until(() => standIn.inChannel(standIn.dm(slackId(ola))).some((m) => m.text.includes("Bare enhetens leder")));
    expect(standIn.views.size).toBe(opened);

    const form = await d.openPlan(EMAILS.leader, seen, planTap);
    // No figures, so nothing is suggested.
    expect([form.chosen("preserve"), form.chosen("improve")]).toEqual([[], []]);
    const ane = (await d.search(EMAILS.leader, form, "m1_who", "Ane"))[0]!.value;
    const saved = await d.submit(EMAILS.leader, form, {
      improve: ["change"],
      m1_text: "Felles plan for endringer",
      m1_area: "change",
      m1_who: ane,
      m1_due: "2026-12-01",
      share: ["on"],
    });
    expect(saved).toBeNull();
    await runUntil(c, "2026-11-09T09:00:00Z");
    const shared = standIn.inChannel("C0LEADERS1").at(-1)!;
    expect(textOf(shared.blocks)).toContain("Live Leder delte tiltaksplanen for Fjord AS > Drift");
    expect(textOf(shared.blocks)).toContain("Felles plan for endringer (Ane Ansvarlig, innen");
  });

  it("is made in a modal, followed up on the right days, asked about in the next round and exported", async () => {
    const c = await boot();
    await planCycle(c, slackDriver(c.server));
    // Every modal was opened with a fresh trigger, within Slack's 3 seconds.
    expect(standIn.calls.filter((x) => x.method === "views.open").length).toBe(1);
  });
});
