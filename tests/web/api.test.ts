import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { slackAdapter } from "../../adapters/slack";
import { organizations, unitChannels, webSessions } from "../../src/db/schema";
import { roundReports } from "../../src/reports/report";
import type { RunningServer } from "../../src/server/start";
import { LINK_TTL_MS, SESSION_TTL_MS } from "../../src/web/sessions";
import {
  buildDashboardOrg,
  COMMENTS,
  type DashboardOrg,
  getJson,
  serveDashboardOrg,
  redeemLink,
  signIn,
} from "../helpers/dashboard-org";
import { SlackStandIn } from "../helpers/slack-standin";

interface UnitOut {
  unit: string;
  unitId: string;
  suppressed: boolean;
  reason: string | null;
  invited: number;
  responses?: number;
  factors?: { id: string; mean: number }[];
  comments: boolean;
}
interface Results {
  units: UnitOut[];
  factors: { id: string; name: string; items: { text: string }[] }[];
  anonymityMin: number;
}

let server: RunningServer | null = null;
let standIn: SlackStandIn | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
  await standIn?.stop();
  standIn = null;
});

async function boot(env: Record<string, string> = {}): Promise<{ org: DashboardOrg; server: RunningServer }> {
  const org = buildDashboardOrg();
  server = await serveDashboardOrg(org, env);
  return { org, server };
}

describe("dashboard sign-in", () => {
  it("trades a one-time link for a session cookie, and refuses the same link twice", async () => {
    const { org, server: s } = await boot();
    const token = s.sessions.createLink(org.personId("hr@org.example"));
    // A mail scanner or a chat preview fetching the link changes nothing: it gets the page with the button.
    for (let i = 0; i < 2; i++) {
      const landing = await fetch(`${s.url}/signin?token=${token}`, { redirect: "manual" });
      expect(landing.status).toBe(200);
      expect(landing.headers.get("set-cookie")).toBeNull();
      expect(await landing.text()).toContain('<form method="post" action="/signin">');
    }
    // Another site cannot press the button for you.
    const forged = await redeemLink(s, token, { "sec-fetch-site": "cross-site", origin: "https://evil.example" });
    expect(forged.status).toBe(403);
    expect(forged.headers.get("set-cookie")).toBeNull();
    const first = await redeemLink(s, token);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/");
    expect(first.headers.get("set-cookie")).toMatch(/^pulsen_session=[A-Za-z0-9_-]{40,};.*HttpOnly.*SameSite=Lax/i);
    const again = await redeemLink(s, token);
    expect(again.headers.get("location")).toBe("/?signin=expired");
    expect(again.headers.get("set-cookie")).toBeNull();
  });

  it("refuses a link after fifteen minutes and a session after twelve hours", async () => {
    const { org, server: s } = await boot();
    const token = s.sessions.createLink(org.personId("hr@org.example"));
    org.clock.advance(LINK_TTL_MS + 1000);
    const late = await redeemLink(s, token);
    expect(late.headers.get("location")).toBe("/?signin=expired");

    const cookie = await signIn(s, "hr@org.example");
    expect((await getJson(s, "/api/me", cookie)).status).toBe(200);
    org.clock.advance(SESSION_TTL_MS + 1000);
    const expired = await getJson(s, "/api/me", cookie);
    expect(expired.status).toBe(403);
    expect(expired.body).toEqual({ error: "forbidden", message: "Logg inn først." });
  });

  it("lets the demo organization pick who to look as from this machine, and never a real organization", async () => {
    const org = buildDashboardOrg({ demo: true });
    // PUBLIC_URL does not decide it any more: the organization and the caller's own address do.
    server = await serveDashboardOrg(org, { PUBLIC_URL: "https://pulsen.example.no" });
    const s = server;
    const session = await getJson<{ demo: boolean; people: { name: string; what: string }[] }>(s, "/api/session");
    expect(session.body.demo).toBe(true);
    const listed = ["Hanne HR: hr", "Leder A: leader", "Leder B: leader", "Leder C: leader", "Rita Rep: union_rep"];
    expect(session.body.people.map((p) => `${p.name}: ${p.what}`)).toEqual(listed);
    const body = JSON.stringify({ personId: org.personId("rep.a@org.example") });
    const json = { "content-type": "application/json" };
    const picked = await fetch(`${s.url}/api/session/demo`, { method: "POST", headers: json, body });
    const cookie = picked.headers.get("set-cookie")!.split(";")[0]!;
    expect((await getJson(s, "/api/me", cookie)).body).toMatchObject({ name: "Rita Rep", roles: ["union_rep"] });
    // An employee is not on the list, so cannot be picked.
    const employee = JSON.stringify({ personId: org.personId("b1@org.example") });
    expect((await getJson(s, "/api/session/demo", undefined, { method: "POST", body: employee })).status).toBe(404);
    // The flag is read per request: the same server, once the organization is a real one, has no picker.
    s.database.db.update(organizations).set({ demo: false }).run();
    expect((await getJson(s, "/api/session")).body).toMatchObject({ demo: false, people: [] });
    const hr = JSON.stringify({ personId: org.personId("hr@org.example") });
    const refused = await getJson(s, "/api/session/demo", undefined, { method: "POST", body: hr });
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ error: "forbidden" });
  });

  it("keeps answers out of caches and the pages out of foreign frames", async () => {
    const { server: s } = await boot();
    const cookie = await signIn(s, "hr@org.example");
    const api = await fetch(`${s.url}/api/rounds`, { headers: { cookie } });
    expect(api.headers.get("cache-control")).toBe("no-store");
    const page = await fetch(`${s.url}/`);
    expect(page.headers.get("content-security-policy")).toMatch(
      /frame-ancestors 'self' https:\/\/teams\.microsoft\.com/,
    );
    expect(page.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect(page.headers.get("referrer-policy")).toBe("same-origin");
  });

  it("stores only hashes of session tokens", async () => {
    const { server: s } = await boot();
    const cookie = await signIn(s, "hr@org.example");
    const token = cookie.split("=")[1]!;
    const stored = s.database.db.select().from(webSessions).all();
    expect(stored).toHaveLength(1);
    expect(JSON.stringify(stored)).not.toContain(token);
  });

  it("answers every data route with 403 before sign-in, and refuses the demo picker outside the demo", async () => {
    const { org, server: s } = await boot({ SLACK_BOT_TOKEN: "xoxb-x", SLACK_SIGNING_SECRET: "s" });
    for (const path of [
      "/api/me",
      "/api/rounds",
      `/api/rounds/${org.roundId}/results`,
      `/api/rounds/${org.openRoundId}/participation`,
      "/api/channels",
    ]) {
      expect((await getJson(s, path)).status, path).toBe(403);
    }
    const demo = await getJson(s, "/api/session/demo", undefined, {
      method: "POST",
      body: JSON.stringify({ personId: org.personId("hr@org.example") }),
    });
    expect(demo.status).toBe(403);
    expect((await getJson(s, "/api/session")).body).toMatchObject({ signedIn: false, demo: false, people: [] });
  });
});

describe("dashboard results", () => {
  it("show HR every unit, with hidden units carrying nothing but their name and invited count", async () => {
    const { org, server: s } = await boot();
    const cookie = await signIn(s, "hr@org.example");
    const { status, body } = await getJson<Results>(s, `/api/rounds/${org.roundId}/results`, cookie);
    expect(status).toBe(200);
    expect(body.anonymityMin).toBe(5);
    expect(body.units.map((u) => u.unit)).toEqual(["Org", "Org > A", "Org > A > A1", "Org > B", "Org > C", "Org > D"]);
    const byPath = new Map(body.units.map((u) => [u.unit, u]));
    expect(byPath.get("Org > C")).toEqual({
      round: org.roundId,
      unit: "Org > C",
      unitId: org.unitId("Org > C"),
      includesSubunits: true,
      invited: 3,
      suppressed: true,
      reason: "below_threshold",
      depth: 1,
      comments: false,
      followUp: [],
    });
    // D is big enough alone, but Org minus the visible units would give away C.
    expect(byPath.get("Org > D")).toMatchObject({ suppressed: true, reason: "complementary" });
    expect(byPath.get("Org > D")).not.toHaveProperty("factors");
    expect(byPath.get("Org > A")).toMatchObject({ suppressed: false, responses: 11, invited: 13 });
    // Exactly the figures of the report JSON (CONTRACT.md), the same anonymity decisions everywhere.
    const reports = roundReports(s.database.db, org.roundId, 5);
    for (const u of body.units) {
      const {
        unitId: _u,
        depth: _d,
        comments: _c,
        followUp: _f,
        ...report
      } = u as UnitOut & { depth: number; followUp: unknown };
      expect(report).toEqual(reports.byPath.get(u.unit));
    }
    // Statements in the viewer's language (HR has the organization's default, nb).
    expect(body.factors.map((f) => f.id)).toEqual(["engagement", "leadership", "execution", "change"]);
    expect(body.factors[0]!.name).toBe("Engasjement");
  });

  it("show a leader their own unit and what lies below it, and nothing else", async () => {
    const { org, server: s } = await boot();
    const cookie = await signIn(s, "lead.a@org.example");
    const { body } = await getJson<Results>(s, `/api/rounds/${org.roundId}/results`, cookie);
    expect(body.units.map((u) => u.unit)).toEqual(["Org > A", "Org > A > A1"]);
    // Comments are for the unit's own leaders: A yes, A1 (led by nobody here) not.
    expect(body.units.map((u) => u.comments)).toEqual([true, false]);
    const other = await getJson(s, `/api/rounds/${org.roundId}/units/${org.unitId("Org > B")}/comments`, cookie);
    expect(other.status).toBe(403);
    const leaderB = await signIn(s, "lead.b@org.example");
    const b = await getJson<Results>(s, `/api/rounds/${org.roundId}/results`, leaderB);
    expect(b.body.units.map((u) => u.unit)).toEqual(["Org > B"]);
    expect(b.body.factors[0]!.name).toBe("Engagement"); // lead.b's locale is en
  });

  it("give comments, as plain strings, to HR and the unit's union rep, and never for a hidden unit", async () => {
    const { org, server: s } = await boot();
    const rep = await signIn(s, "rep.a@org.example");
    const a = await getJson<{ comments: string[] }>(
      s,
      `/api/rounds/${org.roundId}/units/${org.unitId("Org > A")}/comments`,
      rep,
    );
    expect(a.status).toBe(200);
    expect(a.body.comments).toEqual([COMMENTS["a0@org.example"]]);
    const hr = await signIn(s, "hr@org.example");
    const c = await getJson(s, `/api/rounds/${org.roundId}/units/${org.unitId("Org > C")}/comments`, hr);
    expect(c.status).toBe(403);
    expect(JSON.stringify(c.body)).not.toContain("fra C");
    const leaderC = await signIn(s, "lead.c@org.example");
    const own = await getJson(s, `/api/rounds/${org.roundId}/units/${org.unitId("Org > C")}/comments`, leaderC);
    expect(own.status).toBe(403);
    expect(JSON.stringify(own.body)).not.toContain("fra C");
    // The whole organization's comments include C's: shown only because Org as a whole is shown, in random order.
    const all = await getJson<{ comments: string[] }>(
      s,
      `/api/rounds/${org.roundId}/units/${org.unitId("Org")}/comments`,
      hr,
    );
    expect(all.body.comments.sort()).toEqual(Object.values(COMMENTS).sort());
  });

  it("give HR, and only HR, the segments and drivers across the organization", async () => {
    const { org, server: s } = await boot();
    const hr = await signIn(s, "hr@org.example");
    const insights = await getJson<{ segments: { unit: string; segment: string }[]; drivers: unknown }>(
      s,
      `/api/rounds/${org.roundId}/insights`,
      hr,
    );
    expect(insights.status).toBe(200);
    // Only shown units are placed; C and D are hidden.
    expect(insights.body.segments.map((x) => x.unit)).toEqual(["Org > A", "Org > A > A1", "Org > B"]);
    expect(insights.body.drivers).toEqual({
      skipped: "driver analysis needs at least 30 responses in the organization",
      needed: 30,
    });
    const lead = await signIn(s, "lead.a@org.example");
    expect((await getJson(s, `/api/rounds/${org.roundId}/insights`, lead)).status).toBe(403);
    expect((await getJson(s, `/api/rounds/${org.openRoundId}/insights`, hr)).status).toBe(409);
  });

  it("has nothing for an employee with no unit to lead or represent", async () => {
    const { org, server: s } = await boot();
    const cookie = await signIn(s, "b3@org.example");
    expect((await getJson(s, "/api/me", cookie)).body).toMatchObject({ name: "B 3", dashboard: false });
    expect((await getJson(s, "/api/rounds", cookie)).body).toEqual({ rounds: [] });
    expect((await getJson<Results>(s, `/api/rounds/${org.roundId}/results`, cookie)).body.units).toEqual([]);
  });

  it("show only counts while a round is open, and no results until it closes", async () => {
    const { org, server: s } = await boot();
    const cookie = await signIn(s, "lead.a@org.example");
    const live = await getJson(s, `/api/rounds/${org.openRoundId}/participation`, cookie);
    // A counts A1 below it, as its report would.
    expect(live.body.units).toMatchObject([
      { unit: "Org > A", invited: 13, answered: 1, responseRate: 0.077, suppressed: false },
      { unit: "Org > A > A1", invited: 5, answered: 0, responseRate: 0, suppressed: false },
    ]);
    const early = await getJson(s, `/api/rounds/${org.openRoundId}/results`, cookie);
    expect(early.status).toBe(409);
    // Once closed, participation follows the report: a hidden unit shows who was invited, never how many answered.
    const hr = await signIn(s, "hr@org.example");
    const after = await getJson<{ units: Record<string, unknown>[] }>(
      s,
      `/api/rounds/${org.roundId}/participation`,
      hr,
    );
    expect(after.status).toBe(200);
    const c = after.body.units.find((u) => u.unit === "Org > C")!;
    expect(c).toEqual({
      unitId: org.unitId("Org > C"),
      unit: "Org > C",
      invited: 3,
      suppressed: true,
      reason: "below_threshold",
      countedIn: "Org",
      depth: 1,
    });
    expect(after.body.units.find((u) => u.unit === "Org > A")).toMatchObject({
      invited: 13,
      answered: 11,
      suppressed: false,
    });
    const rounds = await getJson<{ rounds: { id: string; status: string }[] }>(s, "/api/rounds", cookie);
    expect(rounds.body.rounds.map((r) => [r.id, r.status])).toEqual([
      [org.openRoundId, "open"],
      [org.roundId, "closed"],
    ]);
  });

  it("refuses malformed ids and bodies with a message naming the field", async () => {
    const { server: s } = await boot();
    const cookie = await signIn(s, "hr@org.example");
    const bad = await getJson(s, "/api/rounds/DROP%20TABLE/results", cookie);
    expect(bad).toEqual({
      status: 400,
      body: { error: "input_invalid", message: "round: har feil form", field: "round" },
    });
    const json = await fetch(`${s.url}/api/session/teams`, {
      method: "POST",
      headers: { "content-type": "application/json", cookie },
      body: "{not json",
    });
    expect(json.status).toBe(400);
    expect(await json.json()).toMatchObject({ error: "input_invalid" });
    expect((await getJson(s, "/api/nothing-here", cookie)).status).toBe(404);
  });
});

describe("choosing a unit's channel from the dashboard", () => {
  async function bootWithSlack() {
    standIn = new SlackStandIn();
    await standIn.start();
    return boot({ SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret", SLACK_API_URL: standIn.url }).then(
      async (b) => {
        await server?.stop();
        server = await serveDashboardOrg(
          b.org,
          { SLACK_BOT_TOKEN: "xoxb-test", SLACK_SIGNING_SECRET: "secret", SLACK_API_URL: standIn!.url },
          [slackAdapter],
        );
        return { org: b.org, server };
      },
    );
  }

  it("lets a leader send their unit's digests to a Slack channel, and nobody else's", async () => {
    const { org, server: s } = await bootWithSlack();
    const cookie = await signIn(s, "lead.a@org.example");
    const list = await getJson<{ platforms: string[]; units: { path: string }[] }>(s, "/api/channels", cookie);
    expect(list.body.platforms).toEqual(["slack"]);
    expect(list.body.units.map((u) => u.path)).toEqual(["Org > A"]);
    const put = (unit: string, channelId: string, who = cookie) =>
      getJson(s, `/api/units/${org.unitId(unit)}/channel`, who, {
        method: "PUT",
        body: JSON.stringify({ platform: "slack", channelId }),
      });
    expect((await put("Org > A", "C0123ABCDE")).body).toEqual({
      unit: "Org > A",
      platform: "slack",
      channel: "C0123ABCDE",
    });
    expect(
      s.database.db
        .select()
        .from(unitChannels)
        .where(eq(unitChannels.unitId, org.unitId("Org > A")))
        .all(),
    ).toMatchObject([{ platform: "slack", channel: "C0123ABCDE" }]);

    const notMine = await put("Org > B", "C0123ABCDE");
    expect(notMine.status).toBe(403);
    const typo = await put("Org > A", "general");
    expect(typo).toMatchObject({ status: 400, body: { error: "input_invalid" } });
    expect(String(typo.body.message)).toContain("Slack-id, som C0123ABCDE");
    const teams = await getJson(s, `/api/units/${org.unitId("Org > A")}/channel`, cookie, {
      method: "PUT",
      body: JSON.stringify({ platform: "teams", channelId: "19:abc@thread.tacv2" }),
    });
    expect(teams).toMatchObject({
      status: 400,
      body: { message: "teams er ikke satt opp på denne serveren." },
    });
    // Nothing but the one good change was written.
    expect(s.database.db.select().from(unitChannels).all()).toHaveLength(1);
  });
});
