import { z } from "zod";
import { PulsenError } from "./core/errors";
import type { Platform } from "./jobs/sender";
import { type SmsConfig, loadSmsConfig } from "./sms-config";

export type { SmsConfig };

/**
 * The environment of CONTRACT.md, parsed once at the edge. A bad or
 * contradictory value stops the start with one line naming the variable.
 */
const optionalText = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));

const HOST_ERROR = "must be an IP address or a host name to listen on (e.g. 0.0.0.0, 127.0.0.1, ::)";
const IPV4 = z.ipv4();
const listenHost = z
  .union([IPV4, z.ipv6(), z.hostname()], { error: HOST_ERROR })
  // A dotted number that is no IPv4 address (999.1.1.1) is a typo, not a host name.
  .refine((v) => !/^[\d.]+$/.test(v) || IPV4.safeParse(v).success, { error: HOST_ERROR });

const envSchema = z.object({
  HOST: optionalText.pipe(listenHost.optional()),
  PORT: z.coerce
    .number({ error: "must be a port number" })
    .int("must be a whole number")
    .min(0, "must be 0–65535")
    .max(65535, "must be 0–65535")
    .default(3000),
  DATABASE_PATH: optionalText.transform((v) => v ?? "./data/pulsen.db"),
  PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  ANONYMITY_MIN: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(3, "must be at least 3 (smaller groups can be recognised)")
    .max(100, "must be at most 100")
    .default(5),
  /** Empty: keep answers and comments forever. N: delete those of rounds closed more than N months ago. */
  RETENTION_MONTHS: optionalText.pipe(
    z.coerce
      .number<string | undefined>({ error: "must be a whole number of months, or empty to keep answers forever" })
      .int("must be a whole number of months")
      .min(1, "must be at least 1 (a round's results need time to be read)")
      .max(1200, "must be at most 1200")
      .optional(),
  ),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith("xoxb-", "must start with xoxb-").optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith("xapp-", "must start with xapp-").optional()),
  SLACK_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  MICROSOFT_APP_ID: optionalText,
  MICROSOFT_APP_PASSWORD: optionalText,
  MICROSOFT_APP_TENANT_ID: optionalText,
  MICROSOFT_APP_TYPE: optionalText.pipe(
    z
      .enum(["MultiTenant", "SingleTenant", "UserAssignedMSI"], {
        error: "must be MultiTenant, SingleTenant or UserAssignedMSI",
      })
      .optional(),
  ),
  TEAMS_APP_CATALOG_ID: optionalText,
  GRAPH_API_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  MICROSOFT_LOGIN_URL: optionalText.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional()),
  BOTFRAMEWORK_OPENID_METADATA_URL: optionalText.pipe(
    z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional(),
  ),
  SMTP_URL: optionalText.pipe(
    z.url({ protocol: /^smtps?$/, error: "must be an smtp:// or smtps:// URL (smtp://user:pass@host:587)" }).optional(),
  ),
  MAIL_FROM: optionalText,
  ACCESSIBILITY_CONTACT: optionalText.pipe(z.email({ error: "must be an e-mail address" }).optional()),
  SMTP_RATE_PER_MINUTE: z.coerce
    .number({ error: "must be a whole number" })
    .int("must be a whole number")
    .min(1, "must be at least 1")
    .max(100_000, "must be at most 100000")
    .default(60),
  TEAMS_UNAUTHENTICATED: optionalText.pipe(z.enum(["1", "0"], { error: "must be 1 or empty" }).optional()),
  LOG_LEVEL: optionalText.pipe(
    z
      .enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"], {
        error: "must be fatal, error, warn, info, debug, trace or silent",
      })
      .optional(),
  ),
});

type SlackConfig =
  | { mode: "http"; botToken: string; signingSecret: string; apiUrl: string | undefined }
  | {
      mode: "socket";
      botToken: string;
      appToken: string;
      signingSecret: string | undefined;
      apiUrl: string | undefined;
    };

/** Installing the Teams app for people who lack it, through Microsoft Graph (application permissions). */
export interface GraphConfig {
  catalogAppId: string;
  tenantId: string;
  clientId: string;
  clientSecret: string;
  graphUrl: string;
  loginUrl: string;
}

type TeamsConfig =
  | {
      auth: "botframework";
      appId: string;
      appPassword: string | undefined;
      tenantId: string | undefined;
      appType: "MultiTenant" | "SingleTenant" | "UserAssignedMSI";
      graph: GraphConfig | null;
      /**
       * Microsoft identity platform: signing keys for the Teams tab's SSO tokens, and Graph's token endpoint;
       * when MICROSOFT_LOGIN_URL is set, also the bot's own Connector tokens (adapters/teams/credentials.ts).
       */
      loginUrl: string;
      /** Where botbuilder reads the Bot Framework's token-signing keys (undefined: Microsoft's own). */
      openIdMetadataUrl: string | undefined;
    }
  | { auth: "none"; graph: GraphConfig | null };

export interface Config {
  /** The address to listen on (CONTRACT.md: all IPv4 interfaces by default). */
  host: string;
  port: number;
  databasePath: string;
  publicUrl: string;
  anonymityMin: number;
  /** Months after a round's close until its answers and comments are deleted (its report stays); null: never. */
  retentionMonths: number | null;
  logLevel: string;
  /** Where the accessibility statement sends reports of a problem; unset: the HR people's e-mail. */
  accessibilityContact?: string | null;
  slack: SlackConfig | null;
  teams: TeamsConfig | null;
  /** E-mail invitations and reminders with personal links (SMTP_URL, MAIL_FROM). */
  email: EmailConfig | null;
  /** SMS invitations and reminders with personal links (SMS_PROVIDER and the rest: src/sms-config.ts). */
  sms: SmsConfig | null;
}

export interface EmailConfig {
  smtpUrl: string;
  /** "Pulsen <pulsen@kommune.no>" or a bare address. */
  from: string;
  /** The outbox paces the SMTP server: at most this many messages a minute. */
  perMinute: number;
}

function fail(variable: string, message: string): never {
  throw new PulsenError("config_invalid", `${variable} ${message}`);
}

/** For TEAMS_UNAUTHENTICATED only; who may use the demo picker is the caller's address (src/web/caller.ts). */
function isLocalUrl(url: string): boolean {
  const host = new URL(url).hostname;
  return host === "localhost" || host === "127.0.0.1" || host === "[::1]" || host.startsWith("127.");
}

function parseEnv<S extends z.ZodType>(schema: S, env: Record<string, string | undefined>): z.output<S> {
  const parsed = schema.safeParse(env);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  return fail(String(issue?.path[0] ?? "environment"), issue?.message ?? "is invalid");
}

const publicUrlOf = (e: { PUBLIC_URL?: string | undefined; PORT: number }) =>
  (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, "");

/** `npm run teams:package` needs the app id and PUBLIC_URL, never the password or tenant (CONTRACT.md). */
export function loadTeamsPackageConfig(env: Record<string, string | undefined>): { appId: string; publicUrl: string } {
  const e = parseEnv(envSchema.pick({ PORT: true, PUBLIC_URL: true, MICROSOFT_APP_ID: true }), env);
  if (!e.MICROSOFT_APP_ID) fail("MICROSOFT_APP_ID", "is required to build the Teams package (the bot's app id)");
  return { appId: e.MICROSOFT_APP_ID, publicUrl: publicUrlOf(e) };
}

export function loadConfig(env: Record<string, string | undefined>): Config {
  const e = parseEnv(envSchema, env);
  const publicUrl = publicUrlOf(e);

  let slack: SlackConfig | null = null;
  if (e.SLACK_APP_TOKEN && !e.SLACK_BOT_TOKEN)
    fail("SLACK_APP_TOKEN", "needs SLACK_BOT_TOKEN as well (Socket Mode uses both)");
  if (e.SLACK_BOT_TOKEN) {
    if (e.SLACK_APP_TOKEN) {
      slack = {
        mode: "socket",
        botToken: e.SLACK_BOT_TOKEN,
        appToken: e.SLACK_APP_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        apiUrl: e.SLACK_API_URL,
      };
    } else if (!e.SLACK_SIGNING_SECRET) {
      fail("SLACK_SIGNING_SECRET", "is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)");
    } else {
      slack = {
        mode: "http",
        botToken: e.SLACK_BOT_TOKEN,
        signingSecret: e.SLACK_SIGNING_SECRET,
        apiUrl: e.SLACK_API_URL,
      };
    }
  } else if (e.SLACK_SIGNING_SECRET) {
    fail("SLACK_BOT_TOKEN", "is required with SLACK_SIGNING_SECRET");
  }

  let teams: TeamsConfig | null = null;
  if (e.MICROSOFT_APP_ID) {
    if (e.TEAMS_UNAUTHENTICATED === "1")
      fail("TEAMS_UNAUTHENTICATED", "cannot be 1 when MICROSOFT_APP_ID is set (authentication is on)");
    // Azure creates only single-tenant and managed-identity bots since August 2025; MultiTenant stays for older ones.
    const appType = e.MICROSOFT_APP_TYPE ?? "SingleTenant";
    if (appType !== "MultiTenant" && !e.MICROSOFT_APP_TENANT_ID)
      fail(
        "MICROSOFT_APP_TENANT_ID",
        e.MICROSOFT_APP_TYPE === undefined
          ? "is required for a SingleTenant app (the default); set MICROSOFT_APP_TYPE=MultiTenant only for a bot registered before August 2025"
          : `is required for a ${appType} app`,
      );
    if (appType !== "UserAssignedMSI" && !e.MICROSOFT_APP_PASSWORD)
      fail("MICROSOFT_APP_PASSWORD", `is required with MICROSOFT_APP_ID for a ${appType} app`);
    let graph: GraphConfig | null = null;
    const loginUrl = (e.MICROSOFT_LOGIN_URL ?? "https://login.microsoftonline.com").replace(/\/+$/, "");
    if (e.TEAMS_APP_CATALOG_ID) {
      if (!e.MICROSOFT_APP_TENANT_ID || !e.MICROSOFT_APP_PASSWORD)
        fail(
          "TEAMS_APP_CATALOG_ID",
          "needs MICROSOFT_APP_TENANT_ID and MICROSOFT_APP_PASSWORD (Graph installs the app with the bot's own credentials)",
        );
      graph = {
        catalogAppId: e.TEAMS_APP_CATALOG_ID,
        tenantId: e.MICROSOFT_APP_TENANT_ID,
        clientId: e.MICROSOFT_APP_ID,
        clientSecret: e.MICROSOFT_APP_PASSWORD,
        graphUrl: (e.GRAPH_API_URL ?? "https://graph.microsoft.com/v1.0").replace(/\/+$/, ""),
        loginUrl,
      };
    }
    teams = {
      auth: "botframework",
      appId: e.MICROSOFT_APP_ID,
      appPassword: e.MICROSOFT_APP_PASSWORD,
      tenantId: e.MICROSOFT_APP_TENANT_ID,
      appType,
      graph,
      loginUrl,
      openIdMetadataUrl: e.BOTFRAMEWORK_OPENID_METADATA_URL,
    };
  } else {
    for (const v of [
      "MICROSOFT_APP_PASSWORD",
      "MICROSOFT_APP_TENANT_ID",
      "MICROSOFT_APP_TYPE",
      "TEAMS_APP_CATALOG_ID",
      "BOTFRAMEWORK_OPENID_METADATA_URL",
    ] as const) {
      if (e[v]) fail("MICROSOFT_APP_ID", `is required with ${v}`);
    }
    if (e.TEAMS_UNAUTHENTICATED === "1") {
      if (!isLocalUrl(publicUrl))
        fail(
          "TEAMS_UNAUTHENTICATED",
          `is for local testing only and is refused while PUBLIC_URL (${publicUrl}) is not on localhost`,
        );
      teams = { auth: "none", graph: null };
    }
  }

  let email: EmailConfig | null = null;
  if (e.SMTP_URL !== undefined) {
    if (e.MAIL_FROM === undefined)
      fail("MAIL_FROM", "is needed with SMTP_URL (the sender, e.g. Pulsen <pulsen@example.no>)");
    const address = /<([^<>]+)>\s*$/.exec(e.MAIL_FROM)?.[1] ?? e.MAIL_FROM;
    if (!z.email().safeParse(address).success) fail("MAIL_FROM", "must be an e-mail address, or Name <address>");
    email = { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM, perMinute: e.SMTP_RATE_PER_MINUTE };
  } else if (e.MAIL_FROM !== undefined) fail("MAIL_FROM", "needs SMTP_URL too");

  return {
    host: e.HOST ?? "0.0.0.0",
    port: e.PORT,
    databasePath: e.DATABASE_PATH,
    publicUrl,
    anonymityMin: e.ANONYMITY_MIN,
    retentionMonths: e.RETENTION_MONTHS ?? null,
    logLevel: e.LOG_LEVEL ?? "info",
    accessibilityContact: e.ACCESSIBILITY_CONTACT ?? null,
    slack,
    teams,
    email,
    sms: loadSmsConfig(env),
  };
}

/** What start-up may log about the configuration: switches, never secrets. */
export function describeConfig(c: Config): Record<string, unknown> {
  return {
    host: c.host,
    port: c.port,
    databasePath: c.databasePath,
    publicUrl: c.publicUrl,
    anonymityMin: c.anonymityMin,
    retentionMonths: c.retentionMonths ?? "forever",
    slack: c.slack === null ? "off" : c.slack.mode,
    teams: c.teams === null ? "off" : c.teams.auth,
    // The SMTP URL may carry a password: only whether e-mail is on, and its sender.
    email: c.email === null ? "off" : { from: c.email.from, perMinute: c.email.perMinute },
    // Passwords, tokens and the webhook's URL (it may carry a key) stay out: the provider and the sender only.
    sms: c.sms === null ? "off" : { provider: c.sms.provider, from: c.sms.from, perSecond: c.sms.perSecond },
  };
}

/** The platforms that reach people: the web chat only when no real chat is configured (demo). */
export function enabledPlatforms(c: Config): Set<Platform> {
  const set = new Set<Platform>();
  if (c.slack) set.add("slack");
  if (c.teams) set.add("teams");
  if (set.size === 0) set.add("webchat");
  if (c.email) set.add("email");
  if (c.sms) set.add("sms");
  return set;
}
