import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from "botbuilder";
import { eq } from "drizzle-orm";
import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { teamsAdapter } from "../../adapters/teams";
import { GraphInstaller } from "../../adapters/teams/graph";
import { TeamsSender } from "../../adapters/teams/sender";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { storeBuiltins } from "../../src/db/instrument-store";
import { openDatabase } from "../../src/db/open";
import { outbox, people } from "../../src/db/schema";
import { builtinInstruments } from "../../src/instruments/catalog";
import { OutboxDrainer } from "../../src/jobs/outbox";
import { importOrgCsv } from "../../src/org/import";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { type RunningServer, startServer } from "../../src/server/start";
import { ConnectorStandIn } from "../helpers/connector-standin";
import { csv } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { silentLogger } from "../helpers/world";

const aad = (i: number) => `00000000-0000-4000-8000-${String(i + 1).padStart(12, "0")}`;

/** A local stand-in for Microsoft Graph: the token endpoint and installedApps, as Graph answers them. */
class GraphStandIn {
  readonly tokens: string[] = [];
  readonly installs: string[] = [];
  /** Users an admin allows the app for; others get 403. */
  readonly allowed = new Set<string>();
  onInstall: (user: string) => void = () => undefined;
  private server: Server | null = null;
  url = "";

  async start(): Promise<void> {
    const app = express();
    app.use(express.urlencoded({ extended: false }), express.json());
    app.post("/login/:tenant/oauth2/v2.0/token", (req, res) => {
      this.tokens.push(String((req.body as { client_id?: string }).client_id));
      res.json({ token_type: "Bearer", expires_in: 3599, access_token: "graph-token" });
    });
    app.post("/v1.0/users/:id/teamwork/installedApps", (req, res) => {
      if (req.headers.authorization !== "Bearer graph-token")
        return res.status(401).json({ error: { code: "InvalidAuthenticationToken" } });
      const id = String(req.params.id);
      if (!this.allowed.has(id)) return res.status(403).json({ error: { code: "Forbidden" } });
      if (this.installs.includes(id)) return res.status(409).json({ error: { code: "Conflict" } });
      this.installs.push(id);
      this.onInstall(id);
      res.status(201).end();
    });
    this.server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, "127.0.0.1", () => resolve(s));
    });
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}

let running: RunningServer | null = null;
const stops: (() => Promise<void>)[] = [];
afterEach(async () => {
  await running?.stop();
  running = null;
  for (const s of stops.splice(0)) await s();
});

describe("Teams: installing the app through Graph for people who lack it", () => {
  it("installs, then opens the chat and invites; a user the admin does not allow is listed with the reason", async () => {
    const connector = new ConnectorStandIn();
    await connector.start();
    const graph = new GraphStandIn();
    await graph.start();
    stops.push(
      () => connector.stop(),
      () => graph.stop(),
    );
    graph.allowed.add(aad(1));
    graph.onInstall = (user) => connector.installedFor.add(user);

    const path = `${tempDir()}/pulsen.db`;
    const clock = new ManualClock("2026-11-24T09:00:00Z");
    const setup = openDatabase(path);
    storeBuiltins(setup.db, builtinInstruments(), clock);
    importOrgCsv(
      setup.db,
      new TextEncoder().encode(csv([0, 1, 2].map((i) => `t${i}@org.example,T ${i},Org,,,,${aad(i)},,`))),
      { dryRun: false, clock },
    );
    setup.close();
    running = await startServer(
      loadConfig({ PORT: "0", DATABASE_PATH: path, TEAMS_UNAUTHENTICATED: "1" }),
      silentLogger(),
      clock,
      { adapters: [teamsAdapter], tick: null },
    );
    // Person 0 installed the app themselves: that tells Pulsen the tenant and the connector's address.
    await fetch(`${running.url}/api/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        type: "installationUpdate",
        action: "add",
        channelId: "msteams",
        serviceUrl: connector.url,
        from: { id: "29:x", aadObjectId: aad(0) },
        recipient: { id: "28:bot" },
        conversation: { id: `a:conv-${aad(0)}`, conversationType: "personal", tenantId: "tenant-1" },
      }),
    });

    const db = running.database.db;
    const installer = new GraphInstaller({
      catalogAppId: "catalog-app-id",
      tenantId: "tenant-1",
      clientId: "client-id",
      clientSecret: "secret",
      graphUrl: `${graph.url}/v1.0`,
      loginUrl: `${graph.url}/login`,
    });
    const sender = new TeamsSender(
      new CloudAdapter(new ConfigurationBotFrameworkAuthentication({})),
      "",
      running.chat,
      installer,
    );
    const { id } = createSeries(
      db,
      {
        name: "Puls",
        instrumentId: "quick-pulse",
        audience: "all",
        cadence: "0 9 1 * *",
        openDays: 7,
        reminderDays: [3],
        window: { ...ALWAYS },
      },
      clock.now(),
    );
    db.transaction((tx) => openRound(tx, getSeries(tx, id), null, clock.now(), { platforms: new Set(["teams"]) }));
    await new OutboxDrainer(db, clock, { teams: sender }, silentLogger()).drainOnce();

    expect(graph.installs).toEqual([aad(1)]);
    expect(graph.tokens).toEqual(["client-id"]); // one token, reused
    expect(connector.created).toEqual([aad(1)]);
    const state = (i: number) => {
      const pid = db
        .select({ id: people.id })
        .from(people)
        .where(eq(people.email, `t${i}@org.example`))
        .get()!.id;
      return db
        .select()
        .from(outbox)
        .all()
        .find((o) => o.personId === pid)!;
    };
    expect(state(0).state).toBe("sent");
    expect(state(1).state).toBe("sent");
    expect(state(2)).toMatchObject({
      state: "undeliverable",
      reason: "could not install Pulsen for this user (Graph 403)",
    });
  });
});
