import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { invitations, outbox } from "../../src/db/schema";
import { fixFor } from "../../src/rounds/reach";
import { unreachable } from "../../src/rounds/status";
import { type SmsStandIn, startSmsStandIn } from "../helpers/sms-standin";
import { PUBLIC_URL, SMS_PEOPLE, type SmsWorld, smsWorld } from "../helpers/sms-world";

let world: SmsWorld | null = null;
let standIn: SmsStandIn | null = null;
afterEach(async () => {
  await world?.running.stop();
  await standIn?.stop();
  world = null;
  standIn = null;
});

const LINK_ENV = {
  SMS_PROVIDER: "linkmobility",
  SMS_USERNAME: "pulsen",
  SMS_PASSWORD: "secret",
  SMS_PLATFORM_ID: "COOL",
  SMS_PLATFORM_PARTNER_ID: "4711",
  SMS_FROM: "Pulsen",
};
const LINK = new RegExp(`^(.*) (${PUBLIC_URL.replace(/\./g, "\\.")}/l/([A-Za-z0-9_-]{43}))$`);
// GSM 03.38's basic set: what fits 160 characters to a segment (Norwegian letters included).
const GSM7_MORE = "@£$¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ!\"#¤%&'()*+,-./:;<=>?¡ÄÖÑÜ§¿äöñüà";
const isGsm7 = (text: string) => [...text].every((c) => /[A-Za-z0-9 \n\r]/.test(c) || GSM7_MORE.includes(c));

/** Every number and link that went out must be missing from the log. */
function expectNothingSecretLogged(w: SmsWorld, s: SmsStandIn): void {
  const logs = w.logs();
  expect(logs.length).toBeGreaterThan(0);
  for (const p of SMS_PEOPLE) {
    expect(logs).not.toContain(p.phone);
    expect(logs).not.toContain(p.phone.slice(3));
  }
  for (const m of s.messages) expect(logs).not.toContain(LINK.exec(m.text)?.[3] ?? "no link");
  expect(logs).not.toContain("/l/");
}

describe("SMS through LINK Mobility's REST API (a local stand-in)", () => {
  it("invites each person once in their language with a working personal link, through 429 and 500", async () => {
    const clockNow = { now: () => world?.clock.now().getTime() ?? 0 };
    standIn = await startSmsStandIn({ kind: "linkmobility", retryAfterSeconds: 5, now: () => clockNow.now() });
    const refusedPhone = SMS_PEOPLE[3].phone;
    standIn.refuse(refusedPhone);
    standIn.failNext(429, 500);
    world = await smsWorld({ ...LINK_ENV, SMS_API_URL: standIn.url, SMS_RATE_PER_SECOND: "2" });
    const w = world;
    await w.drain();

    const byPhone = new Map(standIn.messages.map((m) => [m.to, m]));
    expect(standIn.messages).toHaveLength(3);
    expect(byPhone.size).toBe(3);
    const words = { nb: "Ny pulsmåling fra Seljord kommune", nn: "Ny pulsmåling frå", en: "New pulse survey from" };
    for (const p of SMS_PEOPLE.slice(0, 3)) {
      const m = byPhone.get(p.phone);
      expect(m?.from).toBe("Pulsen");
      expect(m?.key).toMatch(/:invite$/);
      const [, before, , token] = LINK.exec(m?.text ?? "") ?? [];
      expect(before).toContain(words[p.locale]);
      // One segment before the link, in GSM-7 only.
      expect(before?.length).toBeLessThanOrEqual(160);
      expect(isGsm7(before ?? "")).toBe(true);
      const view = w.links.open(token ?? "");
      expect(view.kind).toBe("open");
      expect(view.kind === "open" && view.roundId).toBe(w.roundId);
    }

    // The 429 paused SMS for its Retry-After; the 500 was tried again; nothing went twice.
    const statuses = standIn.requests.map((r) => r.status);
    expect(statuses.slice(0, 2)).toEqual([429, 500]);
    const after429 = standIn.requests[1]?.at ?? 0;
    expect(after429 - (standIn.requests[0]?.at ?? 0)).toBeGreaterThanOrEqual(5000);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);

    // The refused number: undeliverable with the provider's reason, shown to HR as "check the address".
    const list = unreachable(w.running.database.db, w.roundId);
    const refused = list.find((u) => u.email === SMS_PEOPLE[3].email);
    expect(refused?.reason).toBe("sms: Destination blocked (2105)");
    expect(fixFor(refused?.reason ?? "")).toBe("check_address");
    const states = w.running.database.db.select({ state: outbox.state }).from(outbox).all();
    expect(states.map((s) => s.state).sort()).toEqual(["sent", "sent", "sent", "undeliverable"]);
    expectNothingSecretLogged(w, standIn);
  });

  it("keeps the message waiting, and the person reachable, when LINK refuses Pulsen's credentials", async () => {
    standIn = await startSmsStandIn({ kind: "linkmobility" });
    world = await smsWorld({ ...LINK_ENV, SMS_PASSWORD: "expired", SMS_API_URL: standIn.url });
    const w = world;
    await w.drain(3);
    expect(standIn.messages).toHaveLength(0);
    const db = w.running.database.db;
    const rows = db.select().from(outbox).all();
    expect(rows.every((r) => r.state === "pending" && r.reason?.includes("credentials"))).toBe(true);
    expect(
      db
        .select()
        .from(invitations)
        .where(eq(invitations.roundId, w.roundId))
        .all()
        .map((i) => i.undeliverable),
    ).toEqual(expect.not.arrayContaining([expect.stringMatching(/^sms:/)]));
    const errors = w
      .logs()
      .split("\n")
      .filter((l) => l.includes("refused Pulsen's set-up"));
    expect(errors).toHaveLength(1);
    expect(w.logs()).not.toContain("expired");
  });
});

describe("SMS through a plain webhook", () => {
  it("posts { to, text, key } with the bearer token, paced by the gateway's 429s, refusals shown to HR", async () => {
    const clockNow = { now: () => world?.clock.now().getTime() ?? 0 };
    standIn = await startSmsStandIn({ kind: "webhook", token: "hook-token", perSecond: 1, now: () => clockNow.now() });
    standIn.refuse(SMS_PEOPLE[1].phone);
    world = await smsWorld({
      SMS_PROVIDER: "webhook",
      SMS_WEBHOOK_URL: `${standIn.url}/send`,
      SMS_WEBHOOK_TOKEN: "hook-token",
      SMS_RATE_PER_SECOND: "10",
    });
    const w = world;
    await w.drain();

    expect(standIn.messages.map((m) => m.to).sort()).toEqual(
      [SMS_PEOPLE[0].phone, SMS_PEOPLE[2].phone, SMS_PEOPLE[3].phone].sort(),
    );
    expect(new Set(standIn.messages.map((m) => m.key)).size).toBe(3);
    expect(standIn.requests.some((r) => r.status === 429)).toBe(true);
    const en = standIn.messages.find((m) => m.to === SMS_PEOPLE[2].phone);
    const token = LINK.exec(en?.text ?? "")?.[3] ?? "";
    expect(en?.text).toContain("New pulse survey");
    expect(w.links.open(token).kind).toBe("open");
    const refused = unreachable(w.running.database.db, w.roundId).find((u) => u.email === SMS_PEOPLE[1].email);
    expect(refused?.reason).toBe("sms: number refused by the operator");
    expectNothingSecretLogged(w, standIn);
  });
});
