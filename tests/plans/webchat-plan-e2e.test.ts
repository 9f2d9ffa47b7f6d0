import { eq } from "drizzle-orm";
import { afterEach, describe, it } from "vitest";
import { webchatAdapter } from "../../adapters/webchat";
import { encodeAction } from "../../src/bot/actions";
import type { BotAction, FormValues } from "../../src/bot/message";
import { loadConfig } from "../../src/config";
import { people } from "../../src/db/schema";
import { type RunningServer, startServer } from "../../src/server/start";
import {
  type Cycle,
  cycleOrg,
  type Driver,
  type FormSeen,
  planCycle,
  type Seen,
  seedCycle,
} from "../helpers/plan-cycle";
import { parseMessages } from "../helpers/webchat-client";
import { silentLogger } from "../helpers/world";

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

const fromHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The web chat as a person uses it: its pages and its HTML forms, nothing else. */
function webchatDriver(server: RunningServer): Driver {
  const id = (email: string) =>
    server.database.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;
  const page = async (email: string) => parseMessages(await (await fetch(`${server.url}/chat/${id(email)}`)).text());
  const post = async (email: string, message: number, action: BotAction, values: FormValues = {}) => {
    const body = new URLSearchParams({ message: String(message), action: encodeAction(action) });
    // The comment field's text travels as "comment", as the page's form posts it.
    for (const [k, v] of Object.entries(values)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
    const res = await fetch(`${server.url}/chat/${id(email)}/act`, { method: "POST", body, redirect: "manual" });
    if (res.status !== 303) throw new Error(`web chat answered ${res.status}`);
  };
  const formOf = (html: string, messageId: number): FormSeen => ({
    text: fromHtml(html.replace(/<[^>]+>/g, " ")),
    fieldIds: [...new Set([...html.matchAll(/ name="([^"]+)"/g)].map((m) => m[1]!))],
    chosen: (field) => {
      const checked = [...html.matchAll(new RegExp(`name="${field}" value="([^"]*)" checked`, "g"))].map((m) => m[1]!);
      const select = html.match(new RegExp(`<select[^>]*name="${field}"[^>]*>([\\s\\S]*?)</select>`))?.[1] ?? "";
      const selected = [...select.matchAll(/<option value="([^"]+)" selected>/g)].map((m) => m[1]!);
      return [...checked, ...selected];
    },
    handle: messageId,
  });
  const entry = async (email: string, messageId: number) => (await page(email)).find((m) => m.id === messageId)!;
  return {
    inbox: async (email) =>
      (await page(email)).map((m): Seen => ({ text: m.text, actions: m.buttons.map((b) => b.action), handle: m.id })),
    tap: (email, seen, action, text) =>
      post(email, seen.handle as number, action, text === undefined ? {} : { comment: text }),
    openPlan: async (email, seen, action) => {
      await post(email, seen.handle as number, action);
      const all = await page(email);
      const last = all[all.length - 1]!;
      return formOf(last.html, last.id);
    },
    search: async (email, form, fieldId, query) => {
      const find = (await entry(email, form.handle as number)).buttons.find((b) => b.action.a === "plan_find")!;
      await post(email, form.handle as number, find.action, { [`q:${fieldId}`]: query });
      const html = (await entry(email, form.handle as number)).html;
      const select = html.match(new RegExp(`<select[^>]*name="${fieldId}"[^>]*>([\\s\\S]*?)</select>`))?.[1] ?? "";
      return [...select.matchAll(/<option value="([^"]+)"[^>]*>([^<]*)<\/option>/g)].map((m) => ({
        value: m[1]!,
        label: fromHtml(m[2]!),
      }));
    },
    submit: async (email, form, values) => {
      const save = (await entry(email, form.handle as number)).buttons.find((b) => b.action.a === "plan_save")!;
      await post(email, form.handle as number, save.action, values);
      const html = (await entry(email, form.handle as number)).html;
      const errors = [...html.matchAll(/<span class="error" id="f\d+-([^"]+)-e">([^<]*)<\/span>/g)];
      return errors.length === 0 ? null : Object.fromEntries(errors.map((m) => [m[1]!, fromHtml(m[2]!)]));
    },
  };
}

describe("the action plan's whole cycle in the web chat", () => {
  it("is made in chat, followed up on the right days, asked about in the next round and exported", async () => {
    const seed = seedCycle(
      cycleOrg(() => ({})),
      true,
    );
    running = await startServer(loadConfig({ PORT: "0", DATABASE_PATH: seed.path }), silentLogger(), seed.clock, {
      adapters: [webchatAdapter],
      tick: null,
    });
    const c: Cycle = { server: running, clock: seed.clock, seriesId: seed.seriesId, platform: "webchat" };
    await planCycle(c, webchatDriver(running));
  });
});
