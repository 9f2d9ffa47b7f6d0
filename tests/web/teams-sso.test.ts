import { generateKeyPair } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start";
import { buildDashboardOrg, type DashboardOrg, getJson, serveDashboardOrg } from "../helpers/dashboard-org";
import { EntraStandIn, TENANT } from "../helpers/entra-standin";

const APP_ID = "2b4f7a1c-9d3e-4f5a-8b6c-0d1e2f3a4b5c";
const PUBLIC_URL = "https://pulsen.example.no";
const AUDIENCE = `api://pulsen.example.no/${APP_ID}`;
const HR_AAD = "6f1c2b9e-0000-4000-8000-000000000001";

let server: RunningServer | null = null;
let entra: EntraStandIn | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
  await entra?.stop();
  entra = null;
});

async function boot(
  env: Record<string, string> = {},
): Promise<{ org: DashboardOrg; s: RunningServer; idp: EntraStandIn }> {
  entra = new EntraStandIn();
  await entra.start();
  const org = buildDashboardOrg();
  server = await serveDashboardOrg(org, {
    PUBLIC_URL,
    MICROSOFT_APP_ID: APP_ID,
    MICROSOFT_APP_PASSWORD: "secret",
    // A bot registered before August 2025: tokens from any tenant; the SingleTenant case sets its own.
    MICROSOFT_APP_TYPE: "MultiTenant",
    MICROSOFT_LOGIN_URL: entra.url,
    ...env,
  });
  return { org, s: server, idp: entra };
}

const exchange = (s: RunningServer, token: string) =>
  getJson<{ session?: string; message?: string }>(s, "/api/session/teams", undefined, {
    method: "POST",
    body: JSON.stringify({ token }),
  });

describe("signing in to the Teams tab with the Teams SSO token", () => {
  it("gives a session to the person whose AAD object id the token names", async () => {
    const { org, s, idp } = await boot();
    expect((await getJson(s, "/api/session")).body).toMatchObject({ teamsSso: true });
    const r = await exchange(
      s,
      await idp.token({ oid: HR_AAD.toUpperCase(), audience: AUDIENCE, now: org.clock.now() }),
    );
    expect(r.status).toBe(200);
    const me = await getJson(s, "/api/me", undefined, { headers: { authorization: `Bearer ${r.body.session}` } });
    expect(me.body).toMatchObject({ name: "Hanne HR", roles: ["hr"], dashboard: true });
    // The app id alone is also a valid audience (tokens for the bare client id).
    expect((await exchange(s, await idp.token({ oid: HR_AAD, audience: APP_ID, now: org.clock.now() }))).status).toBe(
      200,
    );
  });

  it("refuses tokens for another app, expired, from another issuer or not signed by Microsoft", async () => {
    const { org, s, idp } = await boot();
    const now = org.clock.now();
    const forged = (await generateKeyPair("RS256")).privateKey;
    const cases: [string, Promise<string>][] = [
      ["another app", idp.token({ oid: HR_AAD, audience: "api://evil.example/123", now })],
      ["expired", idp.token({ oid: HR_AAD, audience: AUDIENCE, now: new Date(now.getTime() - 2 * 3600_000) })],
      ["another issuer", idp.token({ oid: HR_AAD, audience: AUDIENCE, now, issuer: "https://evil.example/v2.0" })],
      ["forged", idp.token({ oid: HR_AAD, audience: AUDIENCE, now, key: forged })],
    ];
    for (const [what, token] of cases) {
      const r = await exchange(s, await token);
      expect(r.status, what).toBe(403);
      expect(r.body.session, what).toBeUndefined();
    }
    expect((await exchange(s, "not-a-token-at-all-but-long-enough")).status).toBe(403);
  });

  it("refuses a person the organization file does not know, and a token from another tenant for a single-tenant app", async () => {
    const { org, s, idp } = await boot({ MICROSOFT_APP_TYPE: "SingleTenant", MICROSOFT_APP_TENANT_ID: TENANT });
    const stranger = await exchange(
      s,
      await idp.token({ oid: "11111111-2222-4333-8444-555555555555", audience: AUDIENCE, now: org.clock.now() }),
    );
    expect(stranger).toMatchObject({
      status: 403,
      body: { message: "Microsoft-kontoen din står ikke i organisasjonsfilen. Be HR legge deg inn." },
    });
    const elsewhere = await exchange(
      s,
      await idp.token({
        oid: HR_AAD,
        audience: AUDIENCE,
        now: org.clock.now(),
        tid: "99999999-1b2c-4d5e-8f90-123456789abc",
      }),
    );
    expect(elsewhere).toMatchObject({
      status: 403,
      body: { message: "Teams-innloggingen er fra en annen organisasjon enn denne." },
    });
    expect((await exchange(s, await idp.token({ oid: HR_AAD, audience: AUDIENCE, now: org.clock.now() }))).status).toBe(
      200,
    );
  });

  it("is switched off without a Teams app id", async () => {
    const org = buildDashboardOrg();
    server = await serveDashboardOrg(org);
    const r = await exchange(server, "x".repeat(40));
    expect(r).toMatchObject({
      status: 403,
      body: { message: "Innlogging med Teams er ikke satt opp på denne serveren." },
    });
  });
});
