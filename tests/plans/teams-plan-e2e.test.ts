import { createRequire } from "node:module";
import { afterEach, describe, expect, it } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
import type { BotAction } from "../../src/bot/message";
import { loadConfig } from "../../src/config";
import { type RunningServer, startServer } from "../../src/server/start";
import { ConnectorStandIn } from "../helpers/connector-standin";
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
import { silentLogger } from "../helpers/world";

let running: RunningServer | null = null;
let connector: ConnectorStandIn | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
  await connector?.stop();
});

type Json = Record<string, unknown>;
const AC = createRequire(import.meta.url)("adaptivecards/dist/adaptivecards.js") as {
  AdaptiveCard: new () => { parse(json: unknown, ctx: unknown): void };
  SerializationContext: new () => { eventCount: number; getEventAt(i: number): { message: string } };
};
/** What Microsoft's own parser finds wrong with a card (nothing, for a card Teams renders as meant). */
function parseErrors(card: unknown): string[] {
  const ctx = new AC.SerializationContext();
  new AC.AdaptiveCard().parse(card, ctx);
  return Array.from({ length: ctx.eventCount }, (_, i) => ctx.getEventAt(i).message);
}

const ALL = [EMAILS.leader, ...EMAILS.members];
const aad = (email: string) => `00000000-0000-4000-8000-0000000000${String(ALL.indexOf(email) + 10)}`;
const unmark = (s: string) => s.replace(/\\(.)/g, "$1");

/** Every text of a card, in order (TextBlocks, table cells, input labels). */
function textOf(node: unknown): string {
  if (Array.isArray(node)) return node.map(textOf).join(" ");
  if (node === null || typeof node !== "object") return "";
  return Object.entries(node as Json)
    .map(([k, v]) => ((k === "text" || k === "label") && typeof v === "string" ? unmark(v) : textOf(v)))
    .filter(Boolean)
    .join(" ");
}
function actionsOf(node: unknown): BotAction[] {
  if (Array.isArray(node)) return node.flatMap(actionsOf);
  if (node === null || typeof node !== "object") return [];
  const o = node as Json;
  if (o.type === "Action.Execute") return [(o.data as { pulsen: BotAction }).pulsen];
  return Object.values(o).flatMap(actionsOf);
}
const inputs = (card: Json) => (card.body as Json[]).filter((b) => String(b.type).startsWith("Input."));

/** Teams as a person uses it: activities to the real CloudAdapter, cards read from the Connector stand-in. */
function teamsDriver(server: RunningServer): Driver {
  /** Each conversation's cards by activity id, as the person's Teams client shows them (invoke replies too). */
  const shown = new Map<string, Map<string, Json>>();
  let read = 0;
  const sync = () => {
    for (; read < connector!.sent.length; read++) {
      const s = connector!.sent[read]!;
      const card = (s.activity.attachments as { content: Json }[] | undefined)?.[0]?.content;
      if (card === undefined) continue;
      if (!shown.has(s.conversation)) shown.set(s.conversation, new Map());
      shown.get(s.conversation)!.set(s.id, card);
    }
  };
  const conv = (email: string) => `a:conv-${aad(email)}`;
  const base = (email: string) => ({
    channelId: "msteams",
    serviceUrl: connector!.url,
    from: { id: `29:${aad(email)}`, aadObjectId: aad(email), name: email },
    recipient: { id: "28:bot", name: "Pulsen" },
    conversation: { id: conv(email), conversationType: "personal", tenantId: "tenant-1" },
    channelData: { tenant: { id: "tenant-1" } },
  });
  const post = async (body: Json) => {
    const res = await fetch(`${server.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    expect(res.status).toBe(200);
    return res.status === 200 && res.headers.get("content-type")?.includes("json") ? ((await res.json()) as Json) : {};
  };
  let n = 0;
  /** An Action.Execute on a card; the invoke's card (if one) replaces it where the person sees it. */
  const execute = async (email: string, replyToId: string, data: Json) => {
    const reply = await post({
      type: "invoke",
      id: `tap-${++n}`,
      name: "adaptiveCard/action",
      replyToId,
      value: { action: { type: "Action.Execute", verb: "pulsen", data } },
      ...base(email),
    });
    sync();
    if (reply.type === "application/vnd.microsoft.card.adaptive") {
      expect(parseErrors(reply.value)).toEqual([]);
      shown.get(conv(email))?.set(replyToId, reply.value as Json);
    }
    return reply;
  };
  const card = (email: string, id: string) => shown.get(conv(email))!.get(id)!;
  return {
    inbox: async (email) => {
      sync();
      return [...(shown.get(conv(email)) ?? new Map<string, Json>()).entries()].map(
        ([id, c]): Seen => ({ text: textOf(c.body), actions: actionsOf(c.body), handle: id }),
      );
    },
    tap: async (email, seen, action, text) =>
      void (await execute(email, seen.handle as string, {
        pulsen: action,
        ...(text === undefined ? {} : { comment: text }),
      })),
    openPlan: async (email, seen, action) => {
      sync();
      const before = new Set(shown.get(conv(email))?.keys());
      await execute(email, seen.handle as string, { pulsen: action });
      const [id, form] = [...shown.get(conv(email))!.entries()].find(([k]) => !before.has(k))!;
      expect(form.version).toBe("1.5");
      expect(parseErrors(form)).toEqual([]);
      return {
        text: textOf(form.body),
        fieldIds: inputs(form).map((i) => String(i.id)),
        chosen: (field) => {
          const v = inputs(card(email, id)).find((i) => i.id === field)?.value;
          return typeof v === "string" && v !== "" ? v.split(",") : [];
        },
        handle: id,
      };
    },
    search: async (email, form, fieldId, query) => {
      const input = inputs(card(email, form.handle as string)).find((i) => i.id === fieldId)!;
      const dataset = (input["choices.data"] as { dataset: string }).dataset;
      const reply = await post({
        type: "invoke",
        id: `search-${++n}`,
        name: "application/search",
        value: { queryText: query, dataset, queryOptions: { skip: 0, top: 15 } },
        ...base(email),
      });
      expect(reply.type).toBe("application/vnd.microsoft.search.searchResponse");
      const results = (reply.value as { results: { title: string; value: string }[] }).results;
      return results.map((r) => ({ value: r.value, label: r.title }));
    },
    submit: async (email, form: FormSeen, values) => {
      const id = form.handle as string;
      const save = actionsOf(card(email, id).body).find((a) => a.a === "plan_save")!;
      // Teams sends every input's value as text: a multi-select's choices comma-separated.
      const data: Json = { pulsen: save };
      for (const [k, v] of Object.entries(values)) data[k] = Array.isArray(v) ? v.join(",") : v;
      await execute(email, id, data);
      const body = card(email, id).body as Json[];
      const errors: Record<string, string> = {};
      body.forEach((b, i) => {
        const next = body[i + 1];
        if (String(b.type).startsWith("Input.") && next?.color === "Attention")
          errors[String(b.id)] = unmark(String(next.text));
      });
      return Object.keys(errors).length === 0 ? null : errors;
    },
  };
}

describe("the action plan's whole cycle in Teams", () => {
  it("is made on a card, followed up on the right days, asked about in the next round and exported", async () => {
    connector = new ConnectorStandIn();
    await connector.start();
    const seed = seedCycle(
      cycleOrg((email) => ({ teams: aad(email) })),
      false,
    );
    running = await startServer(
      loadConfig({ PORT: "0", DATABASE_PATH: seed.path, TEAMS_UNAUTHENTICATED: "1" }),
      silentLogger(),
      seed.clock,
      { adapters: [teamsAdapter], tick: null },
    );
    const server = running;
    const driver = teamsDriver(server);
    // Everyone has installed Pulsen: the bot knows their 1:1 chats.
    for (const email of ALL) {
      await fetch(`${server.url}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          type: "installationUpdate",
          id: `install-${email}`,
          action: "add",
          channelId: "msteams",
          serviceUrl: connector.url,
          from: { id: `29:${aad(email)}`, aadObjectId: aad(email), name: email },
          recipient: { id: "28:bot", name: "Pulsen" },
          conversation: { id: `a:conv-${aad(email)}`, conversationType: "personal", tenantId: "tenant-1" },
          channelData: { tenant: { id: "tenant-1" } },
        }),
      });
    }
    const c: Cycle = { server, clock: seed.clock, seriesId: seed.seriesId, platform: "teams" };
    await planCycle(c, driver);
  });
});
