import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start";
import { buildDashboardOrg, getJson, serveDashboardOrg, signIn } from "../helpers/dashboard-org";

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe("a write from another site", () => {
  it("is refused even with a valid session cookie, and changes nothing", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const cookie = await signIn(server, "hr@org.example");
    const signOut = (headers: Record<string, string>) =>
      getJson(server!, "/api/session", cookie, { method: "DELETE", headers });

    const attempts: Record<string, string>[] = [
      { "sec-fetch-site": "cross-site" },
      // A sibling subdomain is "same-site" for cookies, and still not us.
      { "sec-fetch-site": "same-site" },
      // Browsers without Fetch Metadata: the Origin tells.
      { origin: "https://evil.example" },
    ];
    for (const headers of attempts) {
      const refused = await signOut(headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.body).toMatchObject({ error: "cross_site" });
      expect((await getJson(server, "/api/me", cookie)).status).toBe(200);
    }

    // Reading is not refused, and our own page's write goes through.
    expect((await getJson(server, "/api/me", cookie, { headers: { "sec-fetch-site": "cross-site" } })).status).toBe(
      200,
    );
    expect((await signOut({ "sec-fetch-site": "same-origin", origin: server.url })).status).toBe(200);
    expect((await getJson(server, "/api/me", cookie)).status).toBe(403);
  });

  it("is refused on the web chat's forms too", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const res = await fetch(`${server.url}/chat/p_x/act`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", "sec-fetch-site": "cross-site" },
      body: "message=1&action=%7B%7D",
    });
    expect(res.status).toBe(403);
  });
});
