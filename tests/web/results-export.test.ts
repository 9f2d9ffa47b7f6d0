import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start";
import type { ResultsResponse } from "../../src/web/api-types";
import { resultsCsv } from "../../src/web/results-export";
import { buildDashboardOrg, type DashboardOrg, getJson, serveDashboardOrg, signIn } from "../helpers/dashboard-org";

/** C's and D's means and scores (all answered 1, all answered 2): hidden, so never written. */
const HIDDEN_MEANS = new Set(["1,00", "2,00", "1.00", "2.00"]);
const HIDDEN_SCORES = new Set(["0", "25"]);

let org: DashboardOrg;
let s: RunningServer;
beforeAll(async () => {
  org = buildDashboardOrg();
  s = await serveDashboardOrg(org, { ACCESSIBILITY_CONTACT: "uu@org.example" });
});
afterAll(async () => {
  await s?.stop();
});

const csvOf = (cookie: string, query = "") =>
  fetch(`${s.url}/api/rounds/${org.roundId}/results.csv${query}`, { headers: { cookie } });

describe("the results as CSV", () => {
  it("is UTF-8 with a BOM and semicolons, decimal commas in Norwegian, one row per figure with its n, hidden ones as words", async () => {
    const res = await csvOf(await signIn(s, "hr@org.example"));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    const rows = parse(text, { delimiter: ";" }) as string[][];
    expect(rows[0]).toEqual([
      "Enhet",
      "Type",
      "Navn",
      "n",
      "Invitert",
      "Snitt",
      "Standardavvik",
      "Skår",
      "Enig (%)",
      "Status",
    ]);
    // A: six answered 4 and A1's five answered 5 → mean 4,45 over n = 11.
    expect(rows).toContainEqual(["Org > A", "faktor", "Engasjement", "11", "", "4,45", "", "86", "100", "vist"]);
    expect(rows).toContainEqual(["Org > C", "enhet", "", "skjult", "3", "", "", "", "", "skjult: for få svar"]);
    expect(rows.filter((r) => r[0] === "Org > C" || r[0] === "Org > D")).toHaveLength(2);
    expect(rows.filter((r) => HIDDEN_MEANS.has(r[5]!) || HIDDEN_SCORES.has(r[7]!))).toEqual([]);
  });

  it("is cut to what the viewer may see, in their language, and refused without a session", async () => {
    const rows = parse((await (await csvOf(await signIn(s, "lead.b@org.example"))).text()).slice(1), {
      delimiter: ";",
    }) as string[][];
    expect(new Set(rows.slice(1).map((r) => r[0]))).toEqual(new Set(["Org > B"]));
    // Lead B reads English: B answered 3 → 3.00.
    expect(rows).toContainEqual(["Org > B", "factor", "Engagement", "7", "", "3.00", "", "50", "0", "shown"]);
    const a = await csvOf(await signIn(s, "lead.b@org.example"), `?unit=${org.unitId("Org > A")}`);
    expect(a.status).toBe(404);
    expect((await fetch(`${s.url}/api/rounds/${org.roundId}/results.csv`)).status).toBe(403);
  });

  it("makes every cell formula-safe and writes a hidden figure as a word", () => {
    const data = {
      round: {
        id: "r",
        series: "S",
        instrument: "I",
        status: "closed",
        openedAt: null,
        closesAt: null,
        closedAt: null,
      },
      anonymityMin: 5,
      factors: [{ id: "f", name: '=HYPERLINK("http://x")', items: [{ id: "i", text: "+1 god", reverse: false }] }],
      units: [
        {
          round: "r",
          unit: "@Org",
          unitId: "u",
          depth: 0,
          includesSubunits: true,
          invited: 9,
          responses: 7,
          responseRate: 7 / 9,
          suppressed: false,
          reason: null,
          factors: [{ id: "f", suppressed: true, reason: "below_threshold" }],
          items: [{ id: "i", factor: "f", suppressed: true, reason: "complementary" }],
          strengths: [],
          improvements: [],
          comments: false,
          followUp: [],
        },
      ],
    } as unknown as ResultsResponse;
    const rows = parse(resultsCsv(data, null, "nb").slice(1), { delimiter: ";" }) as string[][];
    expect(rows.slice(1)).toEqual([
      ["'@Org", "enhet", "", "7", "9", "", "", "", "", "vist"],
      [
        "'@Org",
        "faktor",
        `'=HYPERLINK("http://x")`,
        "skjult",
        "",
        "skjult",
        "",
        "skjult",
        "skjult",
        "skjult: for få svar",
      ],
      [
        "'@Org",
        "påstand",
        "'+1 god",
        "skjult",
        "",
        "skjult",
        "skjult",
        "",
        "",
        "skjult for å beskytte en mindre enhet",
      ],
    ]);
  });
});

describe("the printable report", () => {
  it("is the viewer's own results as a page with our own print stylesheet, and refuses others' units", async () => {
    const lead = await signIn(s, "lead.a@org.example");
    const res = await fetch(`${s.url}/results/print?round=${org.roundId}`, { headers: { cookie: lead } });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("style-src 'self'");
    const html = await res.text();
    expect(html).toContain('<html lang="nb">');
    expect(html).toContain('<link rel="stylesheet" href="/assets/print.css">');
    expect(html).toContain("<h1>Resultater: Org &gt; A</h1>");
    expect(html).toContain("Svarprosent: 85 % (11 av 13)");
    expect(html).not.toContain("Org &gt; B");
    expect(html).not.toMatch(/<style|style="/);
    const css = await fetch(`${s.url}/assets/print.css`);
    expect(css.headers.get("content-type")).toContain("text/css");

    const english = await (
      await fetch(`${s.url}/results/print?round=${org.roundId}&unit=${org.unitId("Org > A")}&lang=en`, {
        headers: { cookie: lead },
      })
    ).text();
    expect(english).toContain("<h1>Results: Org &gt; A</h1>");
    expect(english).toContain("4.45");

    const other = await fetch(`${s.url}/results/print?round=${org.roundId}&unit=${org.unitId("Org > B")}`, {
      headers: { cookie: lead },
    });
    expect(other.status).toBe(404);
    const employee = await fetch(`${s.url}/results/print?round=${org.roundId}`, {
      headers: { cookie: await signIn(s, "b4@org.example") },
    });
    expect(employee.status).toBe(403);
    expect(await employee.text()).toContain('role="alert"');
    expect((await fetch(`${s.url}/results/print?round=${org.roundId}`)).status).toBe(403);
  });

  it("opens once with a ticket (the Teams tab's way), never twice", async () => {
    const hr = await signIn(s, "hr@org.example");
    const { body } = await getJson<{ ticket: string }>(s, "/api/print-ticket", hr, { method: "POST" });
    const url = `${s.url}/results/print?round=${org.roundId}&ticket=${body.ticket}`;
    const first = await fetch(url);
    expect(first.status).toBe(200);
    const html = await first.text();
    expect(html).toContain("<h1>Resultater: Hele virksomheten</h1>");
    expect(html).toContain("Org &gt; D");
    expect((await fetch(url)).status).toBe(403);
  });
});

describe("the accessibility statement", () => {
  it("says in the reader's language what conforms, what does not yet, and whom to write to", async () => {
    const nb = await (await fetch(`${s.url}/tilgjengelighet`)).text();
    expect(nb).toContain('<html lang="nb">');
    expect(nb).toContain("<h1>Tilgjengelighetserklæring for Pulsen</h1>");
    expect(nb).toContain("Dette er ikke i samsvar ennå");
    expect(nb).toContain('<a href="mailto:uu@org.example">uu@org.example</a>');
    const en = await (await fetch(`${s.url}/tilgjengelighet?lang=en`)).text();
    expect(en).toContain("Not yet conforming");
    expect(en).toContain("This statement was made on 1 Dec 2026.");
  });
});

describe("the language switch", () => {
  it("is refused from another site and for a language Pulsen has not got", async () => {
    const hr = await signIn(s, "hr@org.example");
    const evil = await getJson(s, "/api/me/locale", hr, {
      method: "POST",
      body: JSON.stringify({ locale: "en" }),
      headers: { origin: "https://evil.example", "sec-fetch-site": "cross-site" },
    });
    expect(evil.status).toBe(403);
    const bad = await getJson<{ message: string }>(s, "/api/me/locale", hr, {
      method: "POST",
      body: JSON.stringify({ locale: "sv" }),
    });
    expect(bad.status).toBe(400);
    const me = await getJson<{ chosenLocale: string | null }>(s, "/api/me", hr);
    expect(me.body.chosenLocale).toBeNull();
  });
});
