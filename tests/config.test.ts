import { describe, expect, it } from "vitest";
import { describeConfig, loadConfig } from "../src/config";

const message = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
};

describe("configuration", () => {
  it("defaults to the embedded set-up with no adapters", () => {
    const c = loadConfig({});
    expect(c).toMatchObject({
      host: "0.0.0.0",
      port: 3000,
      databasePath: "./data/pulsen.db",
      publicUrl: "http://localhost:3000",
      anonymityMin: 5,
      retentionMonths: null,
      slack: null,
      teams: null,
    });
  });

  it("reads RETENTION_MONTHS as whole months; empty keeps answers forever", () => {
    expect(loadConfig({ RETENTION_MONTHS: " 24 " }).retentionMonths).toBe(24);
    expect(loadConfig({ RETENTION_MONTHS: "" }).retentionMonths).toBeNull();
  });

  it("derives PUBLIC_URL from PORT and trims a trailing slash", () => {
    expect(loadConfig({ PORT: "8080" }).publicUrl).toBe("http://localhost:8080");
    expect(loadConfig({ PUBLIC_URL: "https://pulsen.example.no/" }).publicUrl).toBe("https://pulsen.example.no");
  });

  it("listens where HOST says, all IPv4 interfaces when it is empty", () => {
    expect(loadConfig({ HOST: "" }).host).toBe("0.0.0.0");
    expect(loadConfig({ HOST: " 127.0.0.1 " }).host).toBe("127.0.0.1");
    expect(loadConfig({ HOST: "::" }).host).toBe("::");
    expect(loadConfig({ HOST: "localhost" }).host).toBe("localhost");
  });

  it.each([
    [{ HOST: "http://0.0.0.0" }, /^HOST must be an IP address or a host name to listen on/],
    [{ HOST: "999.0.0.1" }, /^HOST must be an IP address or a host name to listen on/],
    [{ HOST: "[::1]" }, /^HOST must be an IP address or a host name to listen on/],
    [{ PORT: "http" }, /^PORT /],
    [{ PORT: "70000" }, /^PORT must be 0–65535/],
    [{ ANONYMITY_MIN: "2" }, /^ANONYMITY_MIN must be at least 3/],
    [{ ANONYMITY_MIN: "4.5" }, /^ANONYMITY_MIN must be a whole number/],
    [{ RETENTION_MONTHS: "0" }, /^RETENTION_MONTHS must be at least 1/],
    [{ RETENTION_MONTHS: "a year" }, /^RETENTION_MONTHS must be a whole number of months, or empty/],
    [{ PUBLIC_URL: "pulsen.example.no" }, /^PUBLIC_URL must be an http\(s\) URL/],
    [{ SLACK_BOT_TOKEN: "xoxb-1" }, /^SLACK_SIGNING_SECRET is required with SLACK_BOT_TOKEN/],
    [{ SLACK_SIGNING_SECRET: "s" }, /^SLACK_BOT_TOKEN is required/],
    [{ SLACK_BOT_TOKEN: "xoxp-1", SLACK_SIGNING_SECRET: "s" }, /^SLACK_BOT_TOKEN must start with xoxb-/],
    [{ SLACK_APP_TOKEN: "xapp-1" }, /^SLACK_APP_TOKEN needs SLACK_BOT_TOKEN/],
    [{ MICROSOFT_APP_ID: "id", MICROSOFT_APP_TENANT_ID: "t" }, /^MICROSOFT_APP_PASSWORD is required/],
    // New Azure bots are single-tenant (multi-tenant creation ended in 2025): no type means SingleTenant.
    [
      { MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "p" },
      /^MICROSOFT_APP_TENANT_ID is required for a SingleTenant app \(the default\); set MICROSOFT_APP_TYPE=MultiTenant only for a bot registered before August 2025$/,
    ],
    [{ MICROSOFT_APP_ID: "id", MICROSOFT_APP_TYPE: "MultiTenant" }, /^MICROSOFT_APP_PASSWORD is required/],
    [
      { MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "p", MICROSOFT_APP_TYPE: "SingleTenant" },
      /^MICROSOFT_APP_TENANT_ID is required/,
    ],
    [{ MICROSOFT_APP_PASSWORD: "p" }, /^MICROSOFT_APP_ID is required/],
    [
      { MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "p", MICROSOFT_APP_TYPE: "Personal" },
      /^MICROSOFT_APP_TYPE must be MultiTenant/,
    ],
    [
      { TEAMS_UNAUTHENTICATED: "1", PUBLIC_URL: "https://pulsen.example.no" },
      /^TEAMS_UNAUTHENTICATED is for local testing only/,
    ],
    [
      { TEAMS_UNAUTHENTICATED: "1", MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "p" },
      /^TEAMS_UNAUTHENTICATED cannot be 1/,
    ],
  ])("stops on %o with one line naming the variable", (env, expected) => {
    const m = message(env);
    expect(m).toMatch(expected);
    expect(m).not.toContain("\n");
  });

  it("enables Slack over HTTP, or Socket Mode with an app token", () => {
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "s" }).slack?.mode).toBe("http");
    expect(loadConfig({ SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }).slack?.mode).toBe("socket");
  });

  it("allows an unauthenticated Teams endpoint only on localhost", () => {
    expect(loadConfig({ TEAMS_UNAUTHENTICATED: "1" }).teams).toEqual({ auth: "none", graph: null });
    expect(loadConfig({ TEAMS_UNAUTHENTICATED: "1", PUBLIC_URL: "http://127.0.0.1:3000" }).teams).toEqual({
      auth: "none",
      graph: null,
    });
  });

  it("takes SingleTenant as the Teams app type, and MultiTenant for bots registered before", () => {
    const base = { MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "p" };
    expect(loadConfig({ ...base, MICROSOFT_APP_TENANT_ID: "t" }).teams).toMatchObject({
      appType: "SingleTenant",
      tenantId: "t",
    });
    expect(loadConfig({ ...base, MICROSOFT_APP_TYPE: "MultiTenant" }).teams).toMatchObject({
      appType: "MultiTenant",
      tenantId: undefined,
    });
  });

  it("describes itself without secrets", () => {
    const c = loadConfig({
      SLACK_BOT_TOKEN: "xoxb-secret-token",
      SLACK_SIGNING_SECRET: "signing-secret",
      MICROSOFT_APP_ID: "id",
      MICROSOFT_APP_PASSWORD: "app-password",
      MICROSOFT_APP_TENANT_ID: "t",
    });
    const text = JSON.stringify(describeConfig(c));
    for (const secret of ["xoxb-secret-token", "signing-secret", "app-password"]) expect(text).not.toContain(secret);
  });
});
