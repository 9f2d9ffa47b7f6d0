import { Writable } from "node:stream";
import { and, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import type { PersonId } from "../../src/core/ids";
import { draftAnswers, invitations, responses, webchatMessages } from "../../src/db/schema";
import { createLogger } from "../../src/log";
import { type RunningServer, startServer } from "../../src/server/start";
import { type DashboardOrg, buildDashboardOrg } from "../helpers/dashboard-org";
import { LinkVisitor } from "../helpers/link-client";
import type { ChatMessage } from "../helpers/webchat-client";

let running: RunningServer | null = null;
afterEach(async () => {
  await running?.stop();
  running = null;
});

/** A real organization (not the demo) with an open round, served with every log line kept. */
async function boot() {
  const org: DashboardOrg = buildDashboardOrg();
  const logLines: string[] = [];
  const sink = new Writable({
    write: (c, _e, done) => {
      logLines.push(String(c));
      done();
    },
  });
  const config = loadConfig({ PORT: "0", DATABASE_PATH: org.path });
  running = await startServer(config, createLogger("debug", sink), org.clock, {
    adapters: [webchatAdapter],
    tick: null,
  });
  const server = running;
  const db = server.database.db;
  const tokens: string[] = [];
  /** A link as the e-mail sender would mint it, opened by that person's phone. */
  const visit = (email: string) => {
    const url = server.links.mint(org.personId(email) as PersonId, org.openRoundId);
    if (url === null) throw new Error("round not open");
    tokens.push(url.split("/l/")[1]!);
    return new LinkVisitor(server.url, url, () => org.clock.advance(3000));
  };
  const history = (email: string) =>
    db
      .select()
      .from(webchatMessages)
      .where(eq(webchatMessages.personId, org.personId(email)))
      .all();
  const responseCount = () => db.select().from(responses).where(eq(responses.roundId, org.openRoundId)).all().length;
  return { org, server, db, logLines, tokens, visit, history, responseCount };
}

const first = (m: ChatMessage, a: string, v?: unknown) =>
  m.buttons.find((b) => b.action.a === a && (v === undefined || ("v" in b.action && b.action.v === v)));

/** Taps until thanks: 4 on every statement, then the comment step's own choice. */
async function answerAll(p: LinkVisitor, comment?: string): Promise<ChatMessage> {
  for (let guard = 0; guard < 40; guard++) {
    const m = await p.last();
    if (m.hasCommentField) {
      const b = comment === undefined ? first(m, "skip_comment") : first(m, "comment");
      expect((await p.tap(m.id, b!.raw, comment)).status).toBe(303);
      return p.last();
    }
    const b = first(m, "answer", 4);
    if (b === undefined) return m;
    expect((await p.tap(m.id, b.raw)).status).toBe(303);
  }
  throw new Error("never reached thanks");
}

describe("a personal link's web surface", () => {
  it("changes nothing on GET, however often a scanner fetches it; Start is a same-origin POST", async () => {
    const t = await boot();
    const p = t.visit("a2@org.example");
    for (let i = 0; i < 2; i++) {
      const res = await p.get();
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<html lang="nb">');
      expect(html).toContain("Engasjementspuls");
      expect(html).toMatch(/anonyme/);
      expect(html).toMatch(/Du kan svare til \w+dag \d+\. \w+ kl\. \d\d[:.]\d\d/);
      expect(html).toContain(`<form method="post" action="${p.path}"`);
      expect(html).toMatch(/<button class="btn primary">Start<\/button>/);
      expect(res.headers.get("referrer-policy")).toBe("same-origin");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
      expect(res.headers.get("set-cookie")).toBeNull();
    }
    expect(t.history("a2@org.example")).toHaveLength(0);
    // Another site's page posting the form, or a browser that names another origin: refused, nothing changes.
    expect((await p.post("", new URLSearchParams(), { "sec-fetch-site": "cross-site" })).status).toBe(403);
    const noFetchSite = await fetch(`${t.server.url}${p.path}`, {
      method: "POST",
      headers: { origin: "https://evil.example" },
      redirect: "manual",
    });
    expect(noFetchSite.status).toBe(403);
    expect(t.history("a2@org.example")).toHaveLength(0);
    // Without Start, the conversation is not shown: back to the landing page.
    const early = await p.get("/chat");
    expect(early.status).toBe(303);
    expect(early.headers.get("location")).toBe(p.path);

    const started = await p.start();
    expect(started.status).toBe(303);
    expect(started.headers.get("location")).toBe(`${p.path}/chat`);
    const cookie = started.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toContain(`Path=${p.path}`);
    expect(cookie).not.toMatch(/Secure/i); // http://localhost: a Secure cookie would never come back
    const m = await p.last();
    expect(m.text).toContain("Utsagn 1 av");
    expect(m.buttons.slice(0, 6).map((b) => ("v" in b.action ? b.action.v : b.action.a))).toEqual([
      1,
      2,
      3,
      4,
      5,
      "skip",
    ]);
  });

  it("takes a person from Start through every statement and the comment to thanks, anonymously", async () => {
    const t = await boot();
    const before = t.responseCount();
    const p = t.visit("a3@org.example");
    await p.start();
    let m = await p.last();
    // A replayed post of the first tap: the second one is an older screen's and changes nothing.
    const one = first(m, "answer", 2)!;
    expect((await p.tap(m.id, one.raw)).status).toBe(303);
    expect((await p.tap(m.id, first(m, "answer", 5)!.raw)).status).toBe(303);
    const pid = t.org.personId("a3@org.example");
    const given = t.db.select().from(draftAnswers).where(eq(draftAnswers.personId, pid)).all();
    expect(given.map((a) => a.value)).toEqual([2]);
    m = await p.last();
    expect(m.text).toContain("Utsagn 2 av");

    m = await answerAll(p, "Mer tid til opplæring");
    expect(m.text).toContain("Takk for svarene!");
    expect(t.responseCount()).toBe(before + 1);
    const inv = t.db
      .select()
      .from(invitations)
      .where(and(eq(invitations.roundId, t.org.openRoundId), eq(invitations.personId, pid)))
      .get();
    expect(inv?.completed).toBe(true);
    expect(t.db.select().from(draftAnswers).where(eq(draftAnswers.personId, pid)).all()).toHaveLength(0);
    // The conversation still shows thanks; a further tap on the old question stores nothing more.
    expect((await p.tap(m.id, one.raw)).status).toBe(303);
    expect(t.responseCount()).toBe(before + 1);
  });

  it("continues where the person left off when the link is opened again", async () => {
    const t = await boot();
    const p = t.visit("a4@org.example");
    await p.start();
    for (let i = 0; i < 2; i++) {
      const m = await p.last();
      await p.tap(m.id, first(m, "answer", 3)!.raw);
    }
    // Next day, a new browser (the cookie is gone): the landing says Continue, and Continue shows statement 3.
    const again = new LinkVisitor(t.server.url, `${t.server.url}${p.path}`, () => t.org.clock.advance(3000));
    const html = await (await again.get()).text();
    expect(html).toMatch(/<button class="btn primary">Fortsett<\/button>/);
    await again.start();
    const msgs = await again.messages();
    expect(msgs).toHaveLength(1);
    expect(msgs[0]!.text).toContain("Utsagn 3 av");
    // A second link for the same person and round (a reminder's) opens the same conversation.
    const reminder = t.visit("a4@org.example");
    await reminder.start();
    expect((await reminder.last()).text).toContain("Utsagn 3 av");
  });

  it("shows only the link's own person and round, in that person's language", async () => {
    const t = await boot();
    const mine = t.visit("a5@org.example");
    const theirs = t.visit("lead.b@org.example");
    await mine.start();
    const landing = await (await theirs.get()).text();
    expect(landing).toContain('<html lang="en">');
    expect(landing).toMatch(/You can answer until \w+day \d+ \w+ at \d\d:\d\d/);
    expect(landing).not.toMatch(/Svarene|Start<\/button>.*Fortsett/);
    await theirs.start();
    const their = await theirs.last();
    expect(their.text).toContain("Statement 1 of");
    // My cookie on their link proves nothing: back to their landing page.
    const borrowed = await fetch(`${t.server.url}${theirs.path}/chat`, {
      headers: { cookie: mine.cookie! },
      redirect: "manual",
    });
    expect(borrowed.status).toBe(303);
    // Their message tapped through my link is not mine to tap.
    const forged = await mine.tap(their.id, first(their, "answer", 1)!.raw);
    expect(forged.status).toBe(400);
    expect(await forged.text()).toContain('<html lang="nb">');
    expect(
      t.db
        .select()
        .from(draftAnswers)
        .where(eq(draftAnswers.personId, t.org.personId("lead.b@org.example")))
        .all(),
    ).toHaveLength(0);
    // A tap naming another round, or a measure, is not this page's either.
    const m = await mine.last();
    const other = JSON.stringify({ a: "answer", r: t.org.roundId, i: "x", v: 1 });
    expect((await mine.tap(m.id, other)).status).toBe(400);
    expect((await mine.messages()).map((x) => x.id)).toEqual([m.id]);
  });

  it("says the round closed after the close, on the landing page and to a tap", async () => {
    const t = await boot();
    const p = t.visit("b3@org.example");
    await p.start();
    const m = await p.last();
    t.org.clock.advance(15 * 86_400_000);
    const landing = await p.get();
    expect(landing.status).toBe(410);
    const html = await landing.text();
    expect(html).toContain("Undersøkelsen er stengt");
    expect(html).not.toContain("<form");
    const tap = await p.tap(m.id, first(m, "answer", 4)!.raw);
    expect(tap.status).toBe(410);
    expect(await tap.text()).toContain("Undersøkelsen er stengt");
    expect((await p.get("/chat")).status).toBe(410);
    expect(
      t.db
        .select()
        .from(draftAnswers)
        .where(eq(draftAnswers.personId, t.org.personId("b3@org.example")))
        .all(),
    ).toHaveLength(0);
  });

  it("answers an unknown link with a 404 naming nobody, and a guesser with 429 after 20 tries a minute", async () => {
    const t = await boot();
    const p = t.visit("b4@org.example");
    const guess = (i: number) => fetch(`${t.server.url}/l/${String(i).padStart(43, "x")}`);
    const unknown = await guess(0);
    expect(unknown.status).toBe(404);
    const page = await unknown.text();
    expect(page).toContain('<html lang="nb">');
    expect(page).toContain("Fant ikke lenken");
    expect(page).toContain('<p lang="en">Link not found.');
    expect(unknown.headers.get("referrer-policy")).toBe("same-origin");
    expect((await fetch(`${t.server.url}/l/short`)).status).toBe(404);
    for (let i = 2; i < 20; i++) expect((await guess(i)).status).toBe(404);
    const refused = await guess(20);
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(await refused.text()).toContain("For mange forsøk");
    // The person whose link works is not locked out by someone else's guesses from the same address
    // (behind a proxy, everyone's); the guesser waits a minute.
    expect((await p.get()).status).toBe(200);
    t.org.clock.advance(61_000);
    expect((await guess(21)).status).toBe(404);
  });

  it("never writes a link's token into a log line", async () => {
    const t = await boot();
    const p = t.visit("b5@org.example");
    await p.get();
    await p.post("", new URLSearchParams(), { "sec-fetch-site": "cross-site" });
    await p.start();
    const m = await p.last();
    await p.tap(m.id, "not an action");
    await p.post("/act", new URLSearchParams({ message: "x".repeat(20_000) }));
    await p.tap(m.id, first(m, "answer", 2)!.raw);
    t.org.clock.advance(15 * 86_400_000);
    await p.tap(m.id, first(m, "answer", 2)!.raw);
    expect(t.logLines.some((l) => l.includes("cross-site request refused"))).toBe(true);
    expect(t.logLines.some((l) => l.includes("link page post refused"))).toBe(true);
    for (const token of t.tokens) expect(t.logLines.filter((l) => l.includes(token))).toEqual([]);
    expect(t.logLines.filter((l) => /\/l\/[A-Za-z0-9_-]{10}/.test(l))).toEqual([]);
  });
});
