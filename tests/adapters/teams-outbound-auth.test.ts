import { createLocalJWKSet, jwtVerify } from "jose";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { outbox } from "../../src/db/schema";
import { roundStatus } from "../../src/rounds/status";
import { type RunningServer, startServer } from "../../src/server/start";
import { BotFrameworkStandIn } from "../helpers/botframework-standin";
import { ConnectorStandIn } from "../helpers/connector-standin";
import { csv } from "../helpers/csv";
import { EntraStandIn } from "../helpers/entra-standin";
import { roundOnFile } from "../helpers/round-on-file";
import { silentLogger } from "../helpers/world";

// A single-tenant bot with its password: its calls to the Bot Connector carry a token it got from the identity
// platform (here a local one, through MICROSOFT_LOGIN_URL) for the Connector's audience, in its own tenant.
const TENANT = "6f1c2b9e-0000-4000-8000-00000000aaaa";
const SECRET = "bot-secret";
const aad = (i: number) => `00000000-0000-4000-8000-00000000000${i + 1}`;
let running: RunningServer | null = null;
let connector: ConnectorStandIn | null = null;
// One identity platform and one Bot Framework for the file: each makes an RSA key, slow on a busy machine.
const entra = new EntraStandIn();
const bf = new BotFrameworkStandIn();
beforeAll(async () => {
  await entra.start();
  await bf.start();
});
afterAll(async () => {
  await entra.stop();
  await bf.stop();
});
afterEach(async () => {
  await running?.stop();
  running = null;
  await connector?.stop();
});

async function boot() {
  // Its own app id per test: botbuilder caches the bot's token process-wide, by app id.
  const appId = crypto.randomUUID();
  connector = new ConnectorStandIn();
  await connector.start();
  entra.clients.set(appId, SECRET);
  const clock = new ManualClock(new Date());
  const roster = csv([0, 1].map((i) => `t${i}@org.example,T ${i},Org,,,,${aad(i)},,`));
  const { path, roundId } = roundOnFile({ roster, platforms: new Set(["teams"]), now: clock.now() });
  const config = loadConfig({
    PORT: "0",
    DATABASE_PATH: path,
    MICROSOFT_APP_ID: appId,
    MICROSOFT_APP_PASSWORD: SECRET,
    MICROSOFT_APP_TENANT_ID: TENANT,
    BOTFRAMEWORK_OPENID_METADATA_URL: bf.metadataUrl,
    MICROSOFT_LOGIN_URL: entra.url,
  });
  running = await startServer(config, silentLogger(), clock, { adapters: [teamsAdapter], tick: null });
  const server = running;
  // Both installed Pulsen: Teams tells the bot (authenticated), and the bot keeps their conversations.
  for (const i of [0, 1]) {
    const token = await bf.token({ appId, serviceUrl: connector.url });
    const res = await fetch(`${server.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({
        type: "installationUpdate",
        id: `install-${i}`,
        action: "add",
        channelId: "msteams",
        serviceUrl: connector.url,
        from: { id: `29:${aad(i)}`, aadObjectId: aad(i) },
        recipient: { id: `28:${appId}`, name: "Pulsen" },
        conversation: { id: `a:conv-${i}`, conversationType: "personal", tenantId: TENANT },
        channelData: { tenant: { id: TENANT } },
      }),
    });
    expect(res.status).toBe(200);
  }
  return { appId, connector, clock, server, roundId };
}

/** Ticks until no invitation waits to be sent, jumping the clock to each retry's time (nothing else is due). */
async function settle(server: RunningServer, clock: ManualClock): Promise<void> {
  const waiting = server.database.sqlite.prepare("select 1 from outbox where state in ('pending', 'sending')");
  for (let i = 0; i < 40 && waiting.get() !== undefined; i++) {
    await server.scheduler.tick();
    const next = server.database.sqlite.prepare("select min(not_before) as at from outbox where state = 'pending'");
    const at = (next.get() as { at: number | null }).at ?? 0;
    clock.set(new Date(Math.max(clock.now().getTime() + 1000, at)));
  }
}

describe("the Teams bot's own token on its calls to the Bot Connector", () => {
  it("is the identity platform's, for the Connector's audience and the bot's app id, in the bot's tenant", async () => {
    const { appId, connector, server } = await boot();
    await server.scheduler.tick();
    expect(connector.sent).toHaveLength(2);
    expect(entra.tokenRequests.filter((r) => r.clientId === appId)).toEqual([
      { tenant: TENANT, clientId: appId, scope: "https://api.botframework.com/.default", given: true },
    ]);
    const sends = connector.authorizations.filter((a) => a !== "");
    expect(sends).toHaveLength(2);
    const keys = await (await fetch(`${entra.url}/common/discovery/v2.0/keys`)).json();
    for (const header of sends) {
      expect(header).toMatch(/^Bearer /);
      const { payload } = await jwtVerify(header.slice(7), createLocalJWKSet(keys as { keys: [] }), {
        audience: "https://api.botframework.com",
        issuer: `${entra.url}/${TENANT}/v2.0`,
      });
      expect(payload).toMatchObject({ appid: appId, tid: TENANT });
    }
  });

  it("answered with 401 by the Connector, is a delivery failure HR sees in the round's status, not a crash", async () => {
    const { connector, clock, server, roundId } = await boot();
    connector.failures.push(
      ...Array.from({ length: 16 }, () => ({ status: 401, body: { message: "Authorization has been denied" } })),
    );
    await settle(server, clock);
    const rows = server.database.db.select({ state: outbox.state, reason: outbox.reason }).from(outbox).all();
    // Eight attempts each (the outbox's limit), then failed for good, with the reason for whoever reads the log.
    expect(rows.map((r) => r.state)).toEqual(["failed", "failed"]);
    for (const r of rows) expect(r.reason).toMatch(/^401 bot token refused: check MICROSOFT_APP_ID/);
    expect(connector.failures).toHaveLength(0);
    expect(roundStatus(server.database.db, roundId, 5).messages).toEqual({ failed: 2 });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it("refused by the identity platform (a wrong or rotated secret), fails the delivery with the same reason", async () => {
    const { appId, connector, clock, server } = await boot();
    entra.clients.set(appId, "the secret before it was rotated");
    await settle(server, clock);
    expect(connector.sent).toHaveLength(0);
    const rows = server.database.db.select({ state: outbox.state, reason: outbox.reason }).from(outbox).all();
    expect(rows.map((r) => r.state)).toEqual(["failed", "failed"]);
    for (const r of rows) expect(r.reason).toMatch(/bot token refused/);
  });
});
