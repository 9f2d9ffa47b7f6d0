import { afterEach, describe, expect, it } from "vitest";
import { createSeries } from "../../src/rounds/series";
import { readFileSync } from "node:fs";
import type {
  AuditResponse,
  InstrumentsResponse,
  OpenPreviewResponse,
  SeriesResponse,
  UnreachableResponse,
} from "../../src/web/api-types";
import type { RunningServer } from "../../src/server/start";
import { buildDashboardOrg, getJson, serveDashboardOrg, signIn } from "../helpers/dashboard-org";

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function boot() {
  const org = buildDashboardOrg();
  server = await serveDashboardOrg(org);
  const s = server;
  const post = (path: string, cookie: string, body: unknown = {}) =>
    getJson(s, `/api/rounds/${org.openRoundId}/${path}`, cookie, {
      method: "POST",
      body: JSON.stringify(body),
      headers: { "sec-fetch-site": "same-origin" },
    });
  return { org, s, post };
}

describe("HR's round controls in the web app", () => {
  it("remind once a day, extend to a later day, close, each in the audit log with who did it", async () => {
    const { org, s, post } = await boot();
    const hr = await signIn(s, "hr@org.example");

    expect(await post("remind", hr)).toMatchObject({ status: 200, body: { queued: expect.any(Number) } });
    const twice = await post("remind", hr);
    expect(twice.status).toBe(409);
    expect(twice.body).toMatchObject({
      error: "conflict",
      message: expect.stringMatching(/^En påminnelse gikk ut i dag kl\. \d\d:\d\d\. Neste kan sendes i morgen\.$/),
    });

    expect((await post("extend", hr, { until: "2026-11-01" })).status).toBe(400);
    expect((await post("extend", hr, { until: "tomorrow" })).body).toMatchObject({ error: "input_invalid" });
    // The series' next round (1 December) would close this one: refused until the series is paused.
    const blocked = await post("extend", hr, { until: "2026-12-18" });
    expect(blocked).toMatchObject({
      status: 409,
      body: { message: expect.stringMatching(/^Seriens neste runde åpner 1\. desember 2026 og ville stenge denne\./) },
    });
    const [series] = (await getJson<SeriesResponse>(s, "/api/series", hr)).body.series;
    const pause = { method: "POST", body: "{}", headers: { "sec-fetch-site": "same-origin" } };
    expect((await getJson(s, `/api/series/${series!.id}/pause`, hr, pause)).status).toBe(200);
    const extended = await post("extend", hr, { until: "2026-12-18" });
    expect(extended).toEqual({ status: 200, body: { closesAt: "2026-12-18T09:00:00.000Z" } });
    const live = await getJson<{ closesAt: string }>(s, `/api/rounds/${org.openRoundId}/participation`, hr);
    expect(live.body.closesAt).toBe("2026-12-18T09:00:00.000Z");

    expect(await post("close", hr)).toEqual({ status: 200, body: { closed: true } });
    expect((await post("close", hr)).status).toBe(409);
    expect((await post("remind", hr)).body).toMatchObject({ message: "Runden er ikke åpen." });

    const audit = await getJson<AuditResponse>(s, "/api/audit", hr);
    expect(audit.body.entries.slice(0, 4).map((e) => [e.action, e.who, e.via])).toEqual([
      ["round.close", "Hanne HR", "web"],
      ["round.extend", "Hanne HR", "web"],
      ["series.pause", "Hanne HR", "web"],
      ["round.remind", "Hanne HR", "web"],
    ]);
  });

  it("are refused to a leader and a rep, on the server, and change nothing", async () => {
    const { org, s, post } = await boot();
    for (const email of ["lead.a@org.example", "rep.a@org.example"]) {
      const cookie = await signIn(s, email);
      for (const [path, body] of [
        ["remind", {}],
        ["extend", { until: "2026-12-18" }],
        ["close", {}],
      ] as const) {
        const r = await post(path, cookie, body);
        expect([email, path, r.status]).toEqual([email, path, 403]);
      }
      expect((await getJson(s, "/api/audit", cookie)).status).toBe(403);
    }
    const hr = await signIn(s, "hr@org.example");
    const live = await getJson<{ status: string; closesAt: string }>(
      s,
      `/api/rounds/${org.openRoundId}/participation`,
      hr,
    );
    expect(live.body).toMatchObject({ status: "open", closesAt: "2026-12-14T09:00:00.000Z" });
    expect((await getJson<AuditResponse>(s, "/api/audit", hr)).body.entries).toEqual([]);
  });

  it("refuse HR's own cookie on a request another site sends", async () => {
    const { org, s } = await boot();
    const hr = await signIn(s, "hr@org.example");
    const forged = await getJson(s, `/api/rounds/${org.openRoundId}/close`, hr, {
      method: "POST",
      body: "{}",
      headers: { origin: "https://evil.example" },
    });
    expect(forged.status).toBe(403);
    const live = await getJson<{ status: string }>(s, `/api/rounds/${org.openRoundId}/participation`, hr);
    expect(live.body.status).toBe("open");
  });
});

describe("HR's organization in the web app", () => {
  const upload = (s: RunningServer, cookie: string, csv: string | Uint8Array, dryRun: boolean) =>
    fetch(`${s.url}/api/org/import?dryRun=${dryRun}`, {
      method: "POST",
      headers: { cookie, "content-type": "text/csv", "sec-fetch-site": "same-origin" },
      body: csv,
    });

  it("exports the roster for Excel, and the export imports back with nothing to change", async () => {
    const { s } = await boot();
    const hr = await signIn(s, "hr@org.example");
    const res = await fetch(`${s.url}/api/org/export`, { headers: { cookie: hr } });
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]); // the BOM Excel needs to read UTF-8
    const csv = new TextDecoder().decode(bytes);
    expect(csv.startsWith("email;name;unit;leader_of;roles;")).toBe(true);
    expect(csv).toContain("lead.a@org.example;Leder A;Org > A;Org > A;;;6f1c2b9e-0000-4000-8000-000000000002;;");
    const again = await upload(s, hr, csv, true);
    expect(await again.json()).toMatchObject({
      dryRun: true,
      units: { created: [] },
      people: { added: [], updated: [], deactivated: [], unchanged: 33 },
    });
  });

  it("shows a dry run first, every bad line with its number, and imports only when confirmed", async () => {
    const { s } = await boot();
    const hr = await signIn(s, "hr@org.example");
    const csv = await (await fetch(`${s.url}/api/org/export`, { headers: { cookie: hr } })).text();
    const withNew = `${csv}ny@org.example;Ny Person;Org > E;;;;;;;;\nbad-email;X;Org > E;;;;;;;;\n`;
    const bad = await upload(s, hr, withNew, true);
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({
      error: "input_invalid",
      details: ["linje 36: e-postadressen «bad-email» er ikke gyldig"],
    });
    const fixed = withNew.replace("bad-email;X;Org > E;;;;;;;;\n", "");
    const dry = await (await upload(s, hr, fixed, true)).json();
    expect(dry).toMatchObject({ dryRun: true, units: { created: ["Org > E"] }, people: { added: ["ny@org.example"] } });
    // Nothing was written by the dry run: the same file still adds the person.
    const done = await (await upload(s, hr, fixed, false)).json();
    expect(done).toMatchObject({ dryRun: false, people: { added: ["ny@org.example"] } });
    expect(await (await upload(s, hr, fixed, true)).json()).toMatchObject({ people: { added: [] } });

    const lead = await signIn(s, "lead.a@org.example");
    expect((await upload(s, lead, fixed, false)).status).toBe(403);
    // Refused before the body is read: a leader's 6 MB upload is a 403, not a 413 after reading it.
    expect((await upload(s, lead, "x".repeat(6_000_000), true)).status).toBe(403);
    expect((await fetch(`${s.url}/api/org/export`, { headers: { cookie: lead } })).status).toBe(403);
    const audit = await getJson<AuditResponse>(s, "/api/audit", hr);
    expect(audit.body.entries.map((e) => e.action)).toEqual(["org.import", "org.export"]);
  });
});

describe("HR's refusals, in HR's language", () => {
  it("says a refusal in the reader's language: the person's own, the Teams tab's, or the browser's", async () => {
    const { org, s, post } = await boot();
    const hr = await signIn(s, "hr@org.example");
    expect((await post("remind", hr)).status).toBe(200);
    const inTab = (locale: string) =>
      getJson(s, `/api/rounds/${org.openRoundId}/remind`, hr, {
        method: "POST",
        body: "{}",
        headers: { "sec-fetch-site": "same-origin", "x-pulsen-locale": locale },
      });
    expect((await post("remind", hr)).body.message).toMatch(/^En påminnelse gikk ut i dag kl\. 10:00\./);
    expect((await inTab("nn")).body.message).toMatch(/^Ei påminning gjekk ut i dag kl\. 10:00\./);
    expect((await inTab("en")).body.message).toMatch(/already went out today at 10:00; the next can go tomorrow$/);

    // A file's bad lines, each in the reader's words; a garbage file of 10,000 lines lists 100 and a count.
    const garbage = `email;name\n${"x;y;z\n".repeat(10_000)}`;
    const res = await fetch(`${s.url}/api/org/import?dryRun=true`, {
      method: "POST",
      headers: { cookie: hr, "sec-fetch-site": "same-origin", "x-pulsen-locale": "nn" },
      body: garbage,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { message: string; details: string[] };
    expect(body.message).toMatch(/^Fila har \d+ feil; ingenting vart importert\.$/);
    expect(body.details[0]).toMatch(/^linje 1: manglar kolonne\(r\): unit, leader_of/);

    // Signed out: the browser's language, else bokmål.
    const signedOut = (lang: string | null) =>
      getJson(s, "/api/series", undefined, lang === null ? {} : { headers: { "accept-language": lang } });
    expect((await signedOut("en-GB,en;q=0.8")).body.message).toBe("sign in first");
    expect((await signedOut("nn-NO,nn;q=0.9,nb;q=0.5")).body.message).toBe("Logg inn først.");
    expect((await signedOut(null)).body.message).toBe("Logg inn først.");
  });
});

describe("HR's series in the web app", () => {
  it("lists the next runs in local time, opens a round only after its preview, and refuses a second", async () => {
    const { org, s } = await boot();
    const db = s.database.db;
    const window = { start: 480, end: 1020, weekdaysOnly: true };
    const base = { instrumentId: "quick-pulse", audience: "Org > B", cadence: "0 9 * * 1", openDays: 5 };
    const { id } = createSeries(db, { name: "Ukepuls B", ...base, reminderDays: [2], window }, org.clock.now());
    const hr = await signIn(s, "hr@org.example");
    const list = await getJson<SeriesResponse>(s, "/api/series", hr);
    const weekly = list.body.series.find((x) => x.id === id)!;
    // It is Monday 30 November, 10:00 in Oslo: the next Mondays at 09:00 there, whatever UTC says.
    expect(weekly.next).toEqual([
      "mandag 7. desember kl. 09:00",
      "mandag 14. desember kl. 09:00",
      "mandag 21. desember kl. 09:00",
    ]);

    const preview = await getJson<OpenPreviewResponse>(s, `/api/series/${id}/preview`, hr);
    expect(preview.body).toMatchObject({
      audience: 10,
      platforms: {},
      unreachable: [{ reason: "no chat account (no Slack or Teams id)", fix: "add_chat_id", count: 10 }],
    });
    expect(preview.body.message.summary).toBe("Ny pulsmåling: Ukepuls B");
    // The preview opened nothing.
    expect((await getJson<SeriesResponse>(s, "/api/series", hr)).body.series.find((x) => x.id === id)?.openRound).toBe(
      null,
    );

    const open = (cookie: string) =>
      getJson<{ id: string }>(s, `/api/series/${id}/open`, cookie, {
        method: "POST",
        body: "{}",
        headers: { "sec-fetch-site": "same-origin" },
      });
    expect((await open(await signIn(s, "lead.b@org.example"))).status).toBe(403);
    const opened = await open(hr);
    expect(opened.status).toBe(200);
    expect(opened.body.id).toMatch(/^r_/);
    expect((await open(hr)).status).toBe(409);
    const audit = await getJson<AuditResponse>(s, "/api/audit", hr);
    expect(audit.body.entries[0]).toMatchObject({ action: "round.open", who: "Hanne HR", subject: opened.body.id });
  });
});

describe("HR's instruments and reach in the web app", () => {
  it("lists who an open round cannot reach, with the reason and what fixes it, for HR only", async () => {
    const { org, s } = await boot();
    const hr = await signIn(s, "hr@org.example");
    const r = await getJson<UnreachableResponse>(s, `/api/rounds/${org.openRoundId}/unreachable`, hr);
    // This organization has no chat platform configured: nobody is reached, and the fix is a chat id.
    expect(r.body.people.length).toBeGreaterThan(30);
    expect(r.body.people[0]).toMatchObject({ reason: "no chat account (no Slack or Teams id)", fix: "add_chat_id" });
    expect(r.body.reached).toEqual({});
    const lead = await signIn(s, "lead.a@org.example");
    expect((await getJson(s, `/api/rounds/${org.openRoundId}/unreachable`, lead)).status).toBe(403);
  });

  it("adds a custom instrument from JSON, with errors that name the field, and lists it", async () => {
    const { s } = await boot();
    const hr = await signIn(s, "hr@org.example");
    const add = (body: unknown) =>
      getJson<{ id: string; details?: string[] }>(s, "/api/instruments", hr, {
        method: "POST",
        body: JSON.stringify(body),
        headers: { "sec-fetch-site": "same-origin" },
      });
    const builtin = JSON.parse(readFileSync("src/instruments/data/quick-pulse.json", "utf8")) as {
      factors: { items: { text: Record<string, string> }[] }[];
    };
    const custom = { ...builtin, id: "var-puls", version: 1 };
    const broken = structuredClone(custom);
    delete (broken.factors[0]!.items[0]!.text as Partial<Record<string, string>>).nn;
    const bad = await add(broken);
    expect(bad.status).toBe(400);
    expect(bad.body.details).toEqual([expect.stringMatching(/^factors\[0\]\.items\[0\]\.text\.nn: /)]);
    expect((await add(custom)).status).toBe(200);
    const list = await getJson<InstrumentsResponse>(s, "/api/instruments", hr);
    expect(list.body.instruments.find((i) => i.id === "var-puls")).toMatchObject({ source: "custom", version: 1 });
    expect(list.body.instruments.map((i) => i.id)).toContain("engagement-pulse");
    const lead = await signIn(s, "lead.a@org.example");
    expect((await getJson(s, "/api/instruments", lead)).status).toBe(403);
  });
});
