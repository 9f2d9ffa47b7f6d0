import { join } from "node:path";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { people, responses, webchatMessages, drafts } from "../../src/db/schema";
import { importOrgCsv } from "../../src/org/import";
import { startServer } from "../../src/server/start";
import { SMALL_ORG } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { WebchatClient } from "../helpers/webchat-client";
import { silentLogger } from "../helpers/world";

async function serve(env: Record<string, string>) {
  const dir = tempDir();
  const config = loadConfig({ PORT: "0", DATABASE_PATH: join(dir, "pulsen.db"), ...env });
  const running = await startServer(config, silentLogger(), new ManualClock("2026-11-24T09:00:00Z"), {
    adapters: [webchatAdapter],
    tick: null,
    seedDemo: true,
  });
  await running.scheduler.tick();
  return running;
}

describe("the web chat's person picker", () => {
  it("exists in the demo: npm start seeds about 40 people in 6 units with an open round, and anyone can be picked", async () => {
    const running = await serve({});
    try {
      const page = await (await fetch(`${running.url}/chat`)).text();
      const links = [...page.matchAll(/href="\/chat\/(p_[0-9a-z]+)"/g)].map((m) => m[1]!);
      expect(links).toHaveLength(40);
      const units = new Set(
        running.database.db
          .select({ u: people.unitId })
          .from(people)
          .all()
          .map((p) => p.u),
      );
      expect(units.size).toBe(6);
      const invite = await new WebchatClient(running.url).last(links[0]!);
      expect(invite.buttons[0]!.label).toBe("Start");
    } finally {
      await running.stop();
    }
  });

  it("is gone once Slack is configured: nobody acts as someone else, only HR previews, storing nothing", async () => {
    const running = await serve({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret" });
    try {
      const db = running.database.db;
      // No demo organization is seeded when a platform is configured.
      expect(db.select().from(people).all()).toEqual([]);
      const index = await fetch(`${running.url}/chat`);
      expect(index.status).toBe(403);
      const refusal = await index.text();
      expect(refusal).toContain("sign in to the dashboard</a> as HR");
      expect(refusal).not.toMatch(/\/chat\/p_/);
      expect((await fetch(`${running.url}/chat/p_anyone`)).status).toBe(404);
      const post = await fetch(`${running.url}/chat/p_anyone/act`, {
        method: "POST",
        body: new URLSearchParams({ message: "1", action: '{"a":"start","r":"r_x"}' }),
      });
      expect(post.status).toBe(404);
      expect((await fetch(`${running.url}/chat/preview/engagement-pulse`)).status).toBe(403);

      // HR, signed in to the dashboard, gets the preview index at /chat.
      const clock = new ManualClock("2026-11-24T09:00:00Z");
      importOrgCsv(db, new TextEncoder().encode(SMALL_ORG), { dryRun: false, clock });
      const hr = db.select({ id: people.id }).from(people).where(eq(people.email, "kari@seljord.example")).get()!.id;
      const cookie = `pulsen_session=${running.sessions.create(hr, "link")}`;
      const asHr = await (await fetch(`${running.url}/chat`, { headers: { cookie } })).text();
      expect(asHr).toContain("Preview");
      expect(asHr).not.toMatch(/\/chat\/p_/);
      // Still nobody to act as, HR included.
      expect((await fetch(`${running.url}/chat/${hr}`, { headers: { cookie } })).status).toBe(404);
      // The preview walks through every statement and writes nothing anywhere.
      for (let step = 0; step <= 13; step++) {
        const url = `${running.url}/chat/preview/engagement-pulse?step=${step}&locale=nn`;
        const res = await fetch(url, { headers: { cookie } });
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(html).toContain(step < 13 ? `Utsegn ${step + 1} av 13` : "kommentar");
        expect(html).not.toMatch(/<form method="post"/);
      }
      expect(db.select().from(webchatMessages).all()).toEqual([]);
      expect(db.select().from(drafts).all()).toEqual([]);
      expect(db.select().from(responses).all()).toEqual([]);
    } finally {
      await running.stop();
    }
  });

  it("answers a forged or malformed post with 400 and changes nothing", async () => {
    const running = await serve({});
    try {
      const personId = running.database.db.select({ id: people.id }).from(people).get()!.id;
      const chat = new WebchatClient(running.url);
      // The invitation (a leader's latest message may be a digest of the demo's earlier rounds).
      const invite = (await chat.messages(personId)).find((m) => m.buttons[0]?.action.a === "start")!;
      for (const action of [
        '{"a":"answer","r":"r_x","i":"x","v":9}',
        "{}",
        "garbage",
        '{"a":"drop_tables","r":"r_x"}',
      ]) {
        expect((await chat.tap(personId, invite.id, action)).status).toBe(400);
      }
      // Someone else's message cannot be tapped.
      const other = running.database.db.select({ id: people.id }).from(people).all()[1]!.id;
      expect((await chat.tap(other, invite.id, invite.buttons[0]!.raw)).status).toBe(404);
      expect(running.database.db.select().from(drafts).all()).toEqual([]);
    } finally {
      await running.stop();
    }
  });
});
