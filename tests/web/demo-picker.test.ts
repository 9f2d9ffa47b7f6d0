import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces, tmpdir } from "node:os";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { openDatabase } from "../../src/db/open";
import { invitations, outbox, people, personRoles, webchatMessages } from "../../src/db/schema";
import { importOrgCsv } from "../../src/org/import";
import { type RunningServer, startServer } from "../../src/server/start";
import { isLoopback } from "../../src/web/caller";
import { pulsen } from "../helpers/cli";
import { csv } from "../helpers/csv";
import { WebchatClient } from "../helpers/webchat-client";
import { silentLogger } from "../helpers/world";

/**
 * DESIGN.md rule 9 over real HTTP: the demo person picker exists only for the
 * seeded demo organization, and only to callers on this machine.
 */

interface Init {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}

interface Reply {
  status: number;
  text: string;
  setCookie: string | null;
}

/** One request with node:http, so that Host and X-Forwarded-For go out exactly as written (fetch rewrites Host). */
function call(base: string, path: string, init: Init = {}): Promise<Reply> {
  const url = new URL(path, base);
  const options = { host: url.hostname, port: url.port, path: url.pathname + url.search, method: init.method ?? "GET" };
  return new Promise((resolve, reject) => {
    const req = request({ ...options, headers: init.headers }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (text += c));
      res.on("end", () => {
        const cookie = res.headers["set-cookie"]?.[0] ?? null;
        resolve({ status: res.statusCode ?? 0, text, setCookie: cookie === null ? null : cookie.split(";")[0]! });
      });
    });
    req.on("error", reject);
    req.end(init.body);
  });
}

const START = { message: "1", action: '{"a":"start","r":"r_x"}' };
const postJson = (body: unknown, headers: Record<string, string> = {}): Init => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});
const postForm = (form: Record<string, string>, headers: Record<string, string> = {}): Init => ({
  method: "POST",
  headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
  body: new URLSearchParams(form).toString(),
});

/** This machine's first address that is not loopback: a caller there is "on the network", not "on this machine". */
function networkAddress(): string {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === "IPv4" && !a.internal) return a.address;
  }
  throw new Error("no non-internal IPv4 address in os.networkInterfaces(): cannot call the server from off loopback");
}

// One server per describe block, so its folder must outlive each test (helpers/tmp.ts clears after every test).
const folders: string[] = [];
const folder = () => folders[folders.push(mkdtempSync(join(tmpdir(), "pulsen-test-"))) - 1]!;
afterAll(() => {
  for (const f of folders.splice(0)) rmSync(f, { recursive: true, force: true });
});

async function serve(path: string): Promise<RunningServer> {
  // 0.0.0.0: every interface, so the same server is reachable from loopback and from the network.
  const config = loadConfig({ PORT: "0", HOST: "0.0.0.0", DATABASE_PATH: path });
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  // As `npm start` does: the demo is seeded into an empty database, and only there.
  const opts = { adapters: [webchatAdapter], tick: null, seedDemo: true };
  const running = await startServer(config, silentLogger(), clock, opts);
  await running.scheduler.tick(); // deliver the invitations that are due
  return running;
}

const personIdOf = (s: RunningServer, email: string) =>
  s.database.db.select({ id: people.id }).from(people).where(eq(people.email, email)).get()!.id;

describe("a caller on this machine", () => {
  it("is a TCP peer on 127.0.0.0/8 or ::1, also as IPv4 mapped into IPv6, and nothing else", () => {
    const local = ["127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "::FFFF:127.0.0.2"];
    for (const a of local) expect(isLoopback(a), a).toBe(true);
    const others = [undefined, "", "192.0.2.2", "::ffff:192.0.2.2", "128.0.0.1", "10.127.0.1", "::", "0.0.0.0"];
    // Names are never peer addresses: a Host header's "localhost" proves nothing.
    others.push("127.0.0.1.example", "localhost");
    for (const a of others) expect(isLoopback(a), String(a)).toBe(false);
  });
});

describe("the seeded demo organization", () => {
  let s: RunningServer;
  let loopback: string;
  let network: string;
  let person: { id: string; name: string };
  let hrId: string;
  beforeAll(async () => {
    s = await serve(join(folder(), "pulsen.db"));
    const port = (s.server.address() as AddressInfo).port;
    loopback = `http://127.0.0.1:${port}`;
    network = `http://${networkAddress()}:${port}`;
    const db = s.database.db;
    person = db.select({ id: people.id, name: people.name }).from(people).orderBy(people.name).get()!;
    hrId = db.select({ id: personRoles.personId }).from(personRoles).where(eq(personRoles.role, "hr")).get()!.id;
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("gives a caller on this machine the picker: the people, a session as anyone listed, their chat", async () => {
    const picker = await call(loopback, "/chat");
    expect(picker.status).toBe(200);
    expect([...picker.text.matchAll(/href="\/chat\/(p_[0-9a-z]+)"/g)]).toHaveLength(40);

    type Session = { demo: boolean; people: { id: string }[] };
    const session = JSON.parse((await call(loopback, "/api/session")).text) as Session;
    expect(session.demo).toBe(true);
    expect(session.people.map((p) => p.id)).toContain(hrId);
    const picked = await call(loopback, "/api/session/demo", postJson({ personId: hrId }));
    expect(picked.status).toBe(200);
    const me = await call(loopback, "/api/me", { headers: { cookie: picked.setCookie! } });
    expect(JSON.parse(me.text)).toMatchObject({ hr: true });

    const chat = await call(loopback, `/chat/${person.id}`);
    expect(chat.status).toBe(200);
    expect(chat.text).toContain(person.name);
    // Answering works too: the invitation's first button starts the survey.
    const client = new WebchatClient(loopback);
    const invite = await client.last(person.id);
    expect((await client.tap(person.id, invite.id, invite.buttons[0]!.raw)).status).toBe(303);
    expect((await client.last(person.id)).text).toMatch(/(Utsagn|Utsegn|Statement) 1 (av|of) \d+/);
    expect((await call(loopback, "/chat/preview/engagement-pulse")).status).toBe(200);
  });

  it("refuses the same server reached over the network, whatever Host and X-Forwarded-For say", async () => {
    const forged = { host: `localhost:${new URL(loopback).port}`, "x-forwarded-for": "127.0.0.1" };
    for (const headers of [{}, forged]) {
      const session = await call(network, "/api/session", { headers });
      expect(session.status).toBe(200);
      expect(JSON.parse(session.text)).toMatchObject({ signedIn: false, demo: false, people: [] });
      const picked = await call(network, "/api/session/demo", postJson({ personId: hrId }, headers));
      expect(picked.status).toBe(403);
      expect(JSON.parse(picked.text)).toMatchObject({ error: "forbidden" });
      expect(picked.setCookie).toBeNull();

      const index = await call(network, "/chat", { headers });
      expect(index.status).toBe(403);
      expect(index.text).not.toMatch(/\/chat\/p_/);
      expect(index.text).not.toContain(person.name);
      const chat = await call(network, `/chat/${person.id}`, { headers });
      expect(chat.status).toBe(404);
      expect(chat.text).not.toContain(person.name);
      const before = s.database.db.select().from(webchatMessages).all();
      const act = await call(network, `/chat/${person.id}/act`, postForm(START, headers));
      expect(act.status).toBe(404);
      expect(act.text).not.toContain(person.name);
      expect(s.database.db.select().from(webchatMessages).all()).toEqual(before);
      // The preview is no picker, but off this machine it is HR's, as for a real organization.
      expect((await call(network, "/chat/preview", { headers })).status).toBe(403);
    }
    const hr = `pulsen_session=${s.sessions.create(hrId, "link")}`;
    expect((await call(network, "/chat/preview/engagement-pulse", { headers: { cookie: hr } })).status).toBe(200);
    // A session does not open the picker from the network either.
    expect((await call(network, `/chat/${person.id}`, { headers: { cookie: hr } })).status).toBe(404);
  });
});

const REAL_ORG = csv([
  "hr@bygd.example,Hilde HR,Bygd kommune,,hr,,,,",
  "leder@bygd.example,Lars Leder,Bygd kommune > Drift,Bygd kommune > Drift,,,,,",
  "anna@bygd.example,Anna Ansatt,Bygd kommune > Drift,,,,,,",
  "bjorn@bygd.example,Bjørn Ansatt,Bygd kommune > Drift,,,,,,",
  "cecilie@bygd.example,Cecilie Ansatt,Bygd kommune > Drift,,,,,,",
  "dag@bygd.example,Dag Ansatt,Bygd kommune > Drift,,,,,,",
  "eva@bygd.example,Eva Ansatt,Bygd kommune > Drift,,,,,,",
]);

describe("a real organization with no chat credentials, from this machine", () => {
  let s: RunningServer;
  let base: string;
  let dbPath: string;
  beforeAll(async () => {
    dbPath = join(folder(), "pulsen.db");
    const setup = openDatabase(dbPath);
    const clock = new ManualClock("2026-11-24T09:00:00Z");
    importOrgCsv(setup.db, new TextEncoder().encode(REAL_ORG), { dryRun: false, clock });
    setup.close();
    s = await serve(dbPath);
    base = `http://127.0.0.1:${(s.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await s?.stop();
  });

  it("is no demo: no people to pick, no session as anyone, no chat as anyone", async () => {
    const employee = personIdOf(s, "anna@bygd.example");
    expect(JSON.parse((await call(base, "/api/session")).text)).toMatchObject({ demo: false, people: [] });
    const picked = await call(base, "/api/session/demo", postJson({ personId: personIdOf(s, "hr@bygd.example") }));
    expect(picked.status).toBe(403);
    expect(picked.setCookie).toBeNull();
    const index = await call(base, "/chat");
    expect(index.status).toBe(403);
    expect(index.text).not.toMatch(/\/chat\/p_/);
    expect(index.text).not.toContain("Ansatt");
    const chat = await call(base, `/chat/${employee}`);
    expect(chat.status).toBe(404);
    expect(chat.text).not.toContain("Anna");
    expect((await call(base, `/chat/${employee}/act`, postForm(START))).status).toBe(404);
  });

  it("shows the survey preview to a signed-in HR session only", async () => {
    const refused = await call(base, "/chat/preview");
    expect(refused.status).toBe(403);
    expect(refused.text).toContain('<a href="/">sign in to the dashboard</a> as HR');
    expect((await call(base, "/chat/preview/engagement-pulse")).status).toBe(403);
    const employee = `pulsen_session=${s.sessions.create(personIdOf(s, "anna@bygd.example"), "link")}`;
    expect((await call(base, "/chat/preview/engagement-pulse", { headers: { cookie: employee } })).status).toBe(403);

    const hr = `pulsen_session=${s.sessions.create(personIdOf(s, "hr@bygd.example"), "link")}`;
    const index = await call(base, "/chat/preview", { headers: { cookie: hr } });
    expect(index.status).toBe(200);
    expect(index.text).toContain('href="/chat/preview/engagement-pulse"');
    const statement = await call(base, "/chat/preview/engagement-pulse?step=0&locale=en", { headers: { cookie: hr } });
    expect(statement.status).toBe(200);
    expect(statement.text).toContain("Statement 1 of 13");
    expect(statement.text).not.toMatch(/<form method="post"/);
    // HR's own chat is still nobody's to open.
    const own = await call(base, `/chat/${personIdOf(s, "hr@bygd.example")}`, { headers: { cookie: hr } });
    expect(own.status).toBe(404);
  });

  it("opens a round with nobody queued to the web chat: every invitation is recorded as unreachable", async () => {
    const cli = { databasePath: dbPath };
    const series = ["--name", "Puls", "--instrument", "quick-pulse", "--audience", "all", "--cadence", "0 9 * * 1"];
    const window = ["--open-days", "5", "--reminders", "2"];
    const created = await pulsen(["series", "create", ...series, ...window, "--json"], cli);
    expect(created.stderr).toBe("");
    const opened = await pulsen(["round", "open", (created.json() as { id: string }).id], cli);
    expect(opened.stderr).toBe("");
    const roundId = opened.stdout.split("\n")[0]!;
    expect(opened.stdout).toContain("Opened: 7 invited");
    expect(opened.stdout).toContain("7 cannot be reached");

    const db = s.database.db;
    const invited = db.select().from(invitations).where(eq(invitations.roundId, roundId)).all();
    expect(invited.map((i) => i.undeliverable)).toEqual(Array(7).fill("no chat account (no Slack or Teams id)"));
    expect(db.select().from(outbox).where(eq(outbox.roundId, roundId)).all()).toEqual([]);
    // The running server finds nothing to deliver either.
    await s.scheduler.tick();
    expect(db.select().from(webchatMessages).all()).toEqual([]);
  });
});
