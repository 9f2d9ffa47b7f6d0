import { describe, expect, it } from "vitest";
import { classifyHttp, classifyLinkResult, retryAfterMs, shortReason } from "../../adapters/sms/errors";
import { SmsSender, smsBuckets } from "../../adapters/sms/sender";
import { describeConfig, enabledPlatforms, loadConfig } from "../../src/config";
import { silentLogger } from "../helpers/world";

const LINK = {
  SMS_PROVIDER: "linkmobility",
  SMS_USERNAME: "u",
  SMS_PASSWORD: "p4ss",
  SMS_PLATFORM_ID: "COOL",
  SMS_PLATFORM_PARTNER_ID: "4711",
  SMS_FROM: "Pulsen",
};
const message = (env: Record<string, string>) => {
  try {
    loadConfig(env);
  } catch (e) {
    return (e as Error).message;
  }
  return "accepted";
};

describe("SMS configuration", () => {
  it("is off without SMS_PROVIDER, and LINK Mobility's gateway is the default URL", () => {
    expect(loadConfig({}).sms).toBeNull();
    const c = loadConfig(LINK);
    expect(c.sms).toMatchObject({ provider: "linkmobility", apiUrl: "https://wsx.sp247.net", perSecond: 5 });
    expect(enabledPlatforms(c).has("sms")).toBe(true);
    const webhook = loadConfig({ SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: "https://gw.example/sms" });
    expect(webhook.sms).toMatchObject({ provider: "webhook", token: undefined });
  });

  it("never describes a password, a token or the webhook's URL", () => {
    const text = JSON.stringify([
      describeConfig(loadConfig(LINK)),
      describeConfig(
        loadConfig({ SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: "https://gw.example/k3y", SMS_WEBHOOK_TOKEN: "t0ken" }),
      ),
    ]);
    for (const secret of ["p4ss", "k3y", "t0ken"]) expect(text).not.toContain(secret);
    expect(text).toContain("linkmobility");
  });

  it.each([
    [{ SMS_PROVIDER: "twilio" }, /^SMS_PROVIDER must be linkmobility or webhook/],
    [{ SMS_FROM: "Pulsen" }, /^SMS_PROVIDER is needed with SMS_FROM/],
    [{ SMS_WEBHOOK_URL: "https://gw.example" }, /^SMS_PROVIDER is needed with SMS_WEBHOOK_URL/],
    [{ ...LINK, SMS_USERNAME: "" }, /^SMS_USERNAME is needed with SMS_PROVIDER=linkmobility/],
    [{ ...LINK, SMS_PLATFORM_PARTNER_ID: " " }, /^SMS_PLATFORM_PARTNER_ID is needed/],
    [{ ...LINK, SMS_FROM: "" }, /^SMS_FROM is needed with SMS_PROVIDER=linkmobility/],
    [{ ...LINK, SMS_FROM: "PulsenSeljord" }, /^SMS_FROM must be up to 11 letters and digits/],
    [{ ...LINK, SMS_API_URL: "wsx.sp247.net" }, /^SMS_API_URL must be an http\(s\) URL/],
    [{ ...LINK, SMS_WEBHOOK_URL: "https://gw.example" }, /^SMS_WEBHOOK_URL is for SMS_PROVIDER=webhook/],
    [{ ...LINK, SMS_RATE_PER_SECOND: "0" }, /^SMS_RATE_PER_SECOND must be more than 0/],
    [{ ...LINK, SMS_RATE_PER_SECOND: "fast" }, /^SMS_RATE_PER_SECOND must be a number/],
    [{ SMS_PROVIDER: "webhook" }, /^SMS_WEBHOOK_URL is needed with SMS_PROVIDER=webhook/],
    [{ SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: "ftp://x" }, /^SMS_WEBHOOK_URL must be an http\(s\) URL/],
    [
      { SMS_PROVIDER: "webhook", SMS_WEBHOOK_URL: "https://gw.example", SMS_PASSWORD: "p" },
      /^SMS_PASSWORD is for SMS_PROVIDER=linkmobility/,
    ],
  ])("stops on %o with one line naming the variable", (env, expected) => {
    const m = message(env);
    expect(m).toMatch(expected);
    expect(m).not.toContain("\n");
  });

  it("takes a number or a short code as the sender too", () => {
    expect(loadConfig({ ...LINK, SMS_FROM: "+4790000000" }).sms?.provider).toBe("linkmobility");
    expect(loadConfig({ ...LINK, SMS_FROM: "2222" }).sms?.provider).toBe("linkmobility");
  });
});

describe("SMS provider answers → outbox decisions", () => {
  it("reads Retry-After in seconds or as a date, one second when missing", () => {
    expect(retryAfterMs("7", 0)).toBe(7000);
    expect(retryAfterMs(null, 0)).toBe(1000);
    expect(retryAfterMs("Thu, 01 Jan 1970 00:00:30 GMT", 10_000)).toBe(20_000);
    expect(classifyHttp({ status: 429, retryAfter: "3", body: null }, 0)).toEqual({
      kind: "rate_limited",
      retryAfterMs: 3000,
      scope: "platform",
    });
  });

  it("maps LINK's result codes: queued is sent, the number's codes undeliverable, throttling waits", () => {
    expect(classifyLinkResult(1005, "Queued", "abc")).toEqual({ kind: "sent", messageId: "abc" });
    expect(classifyLinkResult(2104, "Unknown subscriber", "x")).toEqual({
      kind: "undeliverable",
      reason: "sms: Unknown subscriber (2104)",
    });
    expect(classifyLinkResult(3, "", null).kind).toBe("rate_limited");
    expect(classifyLinkResult(1, "Temporary routing error", null).kind).toBe("retry");
    expect(classifyLinkResult(2000, "Invalid source", null)).toMatchObject({ kind: "retry", config: true });
    expect(classifyHttp({ status: 503, retryAfter: null, body: null }, 0)?.kind).toBe("retry");
    expect(classifyHttp({ status: 401, retryAfter: null, body: null }, 0)).toMatchObject({ config: true });
  });

  it("keeps numbers and links out of a provider's reason", () => {
    const r = shortReason("Number +47 912 34 567 blocked for https://x.example/l/abc", "x");
    expect(r).not.toMatch(/\d{3}|https?:/);
  });

  it("paces at SMS_RATE_PER_SECOND, fractions included", () => {
    expect(smsBuckets(5)).toEqual([{ capacity: 5, perMs: 1000 }]);
    expect(smsBuckets(0.5)).toEqual([{ capacity: 1, perMs: 2000 }]);
  });
});

describe("the SMS sender's decisions before any provider call", () => {
  const person = {
    kind: "person" as const,
    personId: "p_1",
    email: "a@b.example",
    slackUserId: null,
    teamsAadObjectId: null,
    phone: "+4791000001" as string | null,
    locale: "nb" as const,
    timezone: "Europe/Oslo",
  };
  const make = (mint: string | null) => {
    const sent: { to: string; text: string; key: string }[] = [];
    const provider = {
      send: async (m: (typeof sent)[number]) => {
        sent.push(m);
        return { kind: "sent" as const, messageId: "m1" };
      },
    };
    const ports = {
      chat: { smsText: (_i: unknown, _p: unknown, url: string) => `text ${url}` },
      links: { mint: () => mint },
    };
    return { sent, sender: new SmsSender(provider, ports, silentLogger(), "https://p.example/", 5) };
  };

  it("texts only that there is something new for anything but the survey, with the dashboard's address", async () => {
    const { sent, sender } = make("https://p.example/l/x");
    const digest = { kind: "digest" as const, roundId: "r_1", unitId: "u_1" };
    expect(await sender.send({ key: "k", recipient: person, intent: digest, replaces: null })).toMatchObject({
      kind: "sent",
    });
    expect(sent[0]?.text).toBe("text https://p.example/");
  });

  it("sends nothing for the close's rewrite, nothing without a number, and waits when no link can be made", async () => {
    const { sent, sender } = make(null);
    const invite = { kind: "invite" as const, roundId: "r_1" };
    const closed = { kind: "closed" as const, roundId: "r_1" };
    expect(await sender.send({ key: "k", recipient: person, intent: closed, replaces: "m0" })).toEqual({
      kind: "sent",
      messageId: "m0",
    });
    expect(
      await sender.send({ key: "k", recipient: { ...person, phone: null }, intent: invite, replaces: null }),
    ).toEqual({ kind: "undeliverable", reason: "sms: no phone number" });
    expect((await sender.send({ key: "k", recipient: person, intent: invite, replaces: null })).kind).toBe("retry");
    expect(sent).toHaveLength(0);
  });
});
