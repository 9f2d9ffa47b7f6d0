import { z } from "zod";
import { PulsenError } from "./core/errors";

/**
 * The SMS part of the environment (CONTRACT.md `SMS_…`, names in the README), read by loadConfig.
 * Its own file so that config.ts stays readable; the same rule: one line naming the variable.
 */
export type SmsConfig =
  | {
      provider: "linkmobility";
      /** LINK's node for the account (its "Common" SMS REST API); tests point it at a local stand-in. */
      apiUrl: string;
      username: string;
      password: string;
      platformId: string;
      platformPartnerId: string;
      from: string;
      perSecond: number;
    }
  | {
      provider: "webhook";
      webhookUrl: string;
      /** Sent as `Authorization: Bearer …` when set. */
      token: string | undefined;
      /** Passed on as `from` when set; the gateway decides otherwise. */
      from: string | undefined;
      perSecond: number;
    };

/** LINK Mobility's general API gateway (its nodes, e.g. n-eu.linkmobility.io, serve the same paths). */
const LINK_MOBILITY_URL = "https://wsx.sp247.net";

const text = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === "" ? undefined : v.trim()));
const httpUrl = text.pipe(z.url({ protocol: /^https?$/, error: "must be an http(s) URL" }).optional());

/**
 * A sender id as the networks take it: up to 11 letters and digits (GSM's alphanumeric originator),
 * an E.164 number, or a short code.
 */
const SENDER_ID = /^(?=.*[A-Za-z])[A-Za-z0-9 ._-]{1,11}$|^\+[1-9]\d{6,14}$|^\d{3,8}$/;

const smsSchema = z.object({
  SMS_PROVIDER: text.pipe(z.enum(["linkmobility", "webhook"], { error: "must be linkmobility or webhook" }).optional()),
  SMS_USERNAME: text,
  SMS_PASSWORD: text,
  SMS_PLATFORM_ID: text,
  SMS_PLATFORM_PARTNER_ID: text,
  SMS_FROM: text.pipe(
    z
      .string()
      .regex(SENDER_ID, "must be up to 11 letters and digits (e.g. Pulsen), an E.164 number or a short code")
      .optional(),
  ),
  SMS_API_URL: httpUrl,
  SMS_WEBHOOK_URL: httpUrl,
  SMS_WEBHOOK_TOKEN: text,
  SMS_RATE_PER_SECOND: z.coerce
    .number({ error: "must be a number" })
    .positive("must be more than 0")
    .max(1000, "must be at most 1000")
    .default(5),
});

type SmsEnv = z.infer<typeof smsSchema>;
const LINK_ONLY = [
  "SMS_USERNAME",
  "SMS_PASSWORD",
  "SMS_PLATFORM_ID",
  "SMS_PLATFORM_PARTNER_ID",
  "SMS_API_URL",
] as const;
const WEBHOOK_ONLY = ["SMS_WEBHOOK_URL", "SMS_WEBHOOK_TOKEN"] as const;

function fail(variable: string, message: string): never {
  throw new PulsenError("config_invalid", `${variable} ${message}`);
}

/** Null when SMS is off; any SMS_ setting without SMS_PROVIDER is a mistake worth stopping for. */
export function loadSmsConfig(env: Record<string, string | undefined>): SmsConfig | null {
  const parsed = smsSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    fail(String(issue?.path[0] ?? "SMS_PROVIDER"), issue?.message ?? "is invalid");
  }
  const e: SmsEnv = parsed.data;
  const set = (names: readonly (keyof SmsEnv)[]) => names.find((n) => e[n] !== undefined);
  if (e.SMS_PROVIDER === undefined) {
    const stray = set([...LINK_ONLY, ...WEBHOOK_ONLY, "SMS_FROM"]);
    if (stray) fail("SMS_PROVIDER", `is needed with ${stray} (linkmobility or webhook)`);
    return null;
  }
  if (e.SMS_PROVIDER === "webhook") {
    const stray = set(LINK_ONLY);
    if (stray) fail(stray, "is for SMS_PROVIDER=linkmobility, not webhook");
    if (e.SMS_WEBHOOK_URL === undefined) fail("SMS_WEBHOOK_URL", "is needed with SMS_PROVIDER=webhook");
    return {
      provider: "webhook",
      webhookUrl: e.SMS_WEBHOOK_URL,
      token: e.SMS_WEBHOOK_TOKEN,
      from: e.SMS_FROM,
      perSecond: e.SMS_RATE_PER_SECOND,
    };
  }
  const stray = set(WEBHOOK_ONLY);
  if (stray) fail(stray, "is for SMS_PROVIDER=webhook, not linkmobility");
  const need = (name: "SMS_USERNAME" | "SMS_PASSWORD" | "SMS_PLATFORM_ID" | "SMS_PLATFORM_PARTNER_ID") =>
    e[name] ?? fail(name, "is needed with SMS_PROVIDER=linkmobility (LINK Mobility's support gives it)");
  return {
    provider: "linkmobility",
    apiUrl: (e.SMS_API_URL ?? LINK_MOBILITY_URL).replace(/\/+$/, ""),
    username: need("SMS_USERNAME"),
    password: need("SMS_PASSWORD"),
    platformId: need("SMS_PLATFORM_ID"),
    platformPartnerId: need("SMS_PLATFORM_PARTNER_ID"),
    from: e.SMS_FROM ?? fail("SMS_FROM", "is needed with SMS_PROVIDER=linkmobility (the sender shown, e.g. Pulsen)"),
    perSecond: e.SMS_RATE_PER_SECOND,
  };
}
