import { afterEach, describe, expect, it } from "vitest";
import { outbox } from "../../src/db/schema";
import type { RunningServer } from "../../src/server/start";
import { buildDashboardOrg, type DashboardOrg, getJson, serveDashboardOrg, signIn } from "../helpers/dashboard-org";

interface PlanOut {
  plan: null | {
    id: string;
    focus: { factorId: string; kind: string }[];
    measures: { id: string; text: string; status: string; responsible: { name: string } | null; deadline: string }[];
    progress: { done: number; total: number };
  };
  canEdit: boolean;
  factors: { id: string; name: string }[];
  people: { id: string; name: string }[];
}

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

async function boot(opts: { demo?: boolean } = {}): Promise<{ org: DashboardOrg; s: RunningServer }> {
  const org = buildDashboardOrg(opts);
  server = await serveDashboardOrg(org);
  return { org, s: server };
}

const json = (method: string, body: unknown) => ({ method, body: JSON.stringify(body) });

describe("action plans on the dashboard", () => {
  it("are written by the unit's leader, read by its rep, and closed to other units' leaders", async () => {
    const { org, s } = await boot();
    const a = org.unitId("Org > A");
    const planUrl = `/api/rounds/${org.roundId}/units/${a}/plan`;
    const lead = await signIn(s, "lead.a@org.example");
    const empty = await getJson<PlanOut>(s, planUrl, lead);
    expect(empty.body).toMatchObject({ plan: null, canEdit: true });
    expect(empty.body.factors.map((f) => f.name)).toEqual(["Engasjement", "Ledelse", "Gjennomføring", "Endringsvilje"]);
    // Who can be responsible: the unit's people with sub-units, and its leader; nobody from B.
    expect(empty.body.people).toHaveLength(13);
    expect(empty.body.people.some((p) => p.name.startsWith("B "))).toBe(false);

    const focus = await getJson<{ plan: PlanOut["plan"] }>(
      s,
      `${planUrl}/focus`,
      lead,
      json("PUT", {
        areas: [
          { factorId: "change", kind: "improve" },
          { factorId: "engagement", kind: "preserve" },
        ],
      }),
    );
    expect(focus.body.plan!.focus).toEqual([
      { factorId: "change", kind: "improve" },
      { factorId: "engagement", kind: "preserve" },
    ]);
    const fromB = await getJson(
      s,
      `${planUrl}/measures`,
      lead,
      json("POST", {
        text: "Tavlemøte hver mandag",
        responsibleId: org.personId("b0@org.example"),
        deadline: "2026-12-20",
        factorId: "change",
      }),
    );
    expect(fromB).toMatchObject({ status: 400, body: { message: "Den ansvarlige må være en person i enheten." } });
    const badDate = await getJson(
      s,
      `${planUrl}/measures`,
      lead,
      json("POST", {
        text: "Tavlemøte hver mandag",
        responsibleId: org.personId("a0@org.example"),
        deadline: "20.12.2026",
        factorId: "change",
      }),
    );
    expect(badDate).toMatchObject({
      status: 400,
      body: { message: "body.deadline: har feil form", field: "body.deadline" },
    });
    const added = await getJson<{ id: string; plan: PlanOut["plan"] }>(
      s,
      `${planUrl}/measures`,
      lead,
      json("POST", {
        text: "Tavlemøte hver mandag",
        responsibleId: org.personId("a0@org.example"),
        deadline: "2026-12-20",
        factorId: "change",
      }),
    );
    expect(added.status).toBe(200);
    // The deadline day at 09:00 in Oslo (CET in December).
    expect(added.body.plan!.measures).toMatchObject([
      {
        text: "Tavlemøte hver mandag",
        responsible: { name: "A 0" },
        status: "not_started",
        deadline: "2026-12-20T08:00:00.000Z",
      },
    ]);

    const rep = await signIn(s, "rep.a@org.example");
    const read = await getJson<PlanOut>(s, planUrl, rep);
    expect(read.body).toMatchObject({ canEdit: false, people: [], plan: { progress: { done: 0, total: 1 } } });
    expect((await getJson(s, `${planUrl}/focus`, rep, json("PUT", { areas: [] }))).status).toBe(403);
    const other = await signIn(s, "lead.b@org.example");
    expect((await getJson(s, planUrl, other)).status).toBe(403);
    expect((await getJson<{ plans: unknown[] }>(s, "/api/plans", other)).body.plans).toEqual([]);
    const hr = await signIn(s, "hr@org.example");
    expect((await getJson<{ plans: { unit: string }[] }>(s, "/api/plans", hr)).body.plans.map((p) => p.unit)).toEqual([
      "Org > A",
    ]);
  });

  it("let the person responsible report progress, which is announced to the unit's leader, and nobody else", async () => {
    // Without Slack or Teams only the demo organization is reached, in the web chat (DESIGN.md rule 9).
    const { org, s } = await boot({ demo: true });
    const a = org.unitId("Org > A");
    const lead = await signIn(s, "lead.a@org.example");
    const areas = [{ factorId: "engagement", kind: "preserve" }];
    await getJson(s, `/api/rounds/${org.roundId}/units/${a}/plan/focus`, lead, json("PUT", { areas }));
    const added = await getJson<{ id: string }>(
      s,
      `/api/rounds/${org.roundId}/units/${a}/plan/measures`,
      lead,
      json("POST", {
        text: "Felles lunsj på fredager",
        responsibleId: org.personId("a0@org.example"),
        deadline: "2026-12-20",
        factorId: "engagement",
      }),
    );
    const patch = (who: string, status: string) =>
      getJson(s, `/api/measures/${added.body.id}`, who, json("PATCH", { status }));
    const rep = await signIn(s, "rep.a@org.example");
    expect((await patch(rep, "done")).status).toBe(403);
    const responsible = await signIn(s, "a0@org.example");
    expect((await patch(responsible, "in_progress")).body).toEqual({ changed: true });
    expect((await patch(responsible, "in_progress")).body).toEqual({ changed: false });
    expect((await patch(responsible, "finished")).body).toMatchObject({
      message: "body.status: må være en av not_started, in_progress, done",
    });
    const progress = s.database.db
      .select()
      .from(outbox)
      .all()
      .filter((o) => (o.intent as { kind: string }).kind === "plan_progress");
    expect(progress.map((o) => o.personId)).toEqual([org.personId("lead.a@org.example")]);
  });

  it("wait for the round to close, and export as CSV and printable HTML with what people typed as text", async () => {
    const { org, s } = await boot();
    const a = org.unitId("Org > A");
    const lead = await signIn(s, "lead.a@org.example");
    const early = await getJson(
      s,
      `/api/rounds/${org.openRoundId}/units/${a}/plan/focus`,
      lead,
      json("PUT", { areas: [] }),
    );
    expect(early).toMatchObject({
      status: 409,
      body: { message: "Tiltaksplanen lages etter resultatene: vent til runden er stengt." },
    });
    const areas = [{ factorId: "leadership", kind: "improve" }];
    await getJson(s, `/api/rounds/${org.roundId}/units/${a}/plan/focus`, lead, json("PUT", { areas }));
    await getJson(
      s,
      `/api/rounds/${org.roundId}/units/${a}/plan/measures`,
      lead,
      json("POST", {
        text: 'Bedre <script>alert("x")</script> rutiner, "med komma"',
        responsibleId: org.personId("a1@org.example"),
        deadline: "2026-12-20",
        factorId: "leadership",
      }),
    );
    const csv = await fetch(`${s.url}/api/rounds/${org.roundId}/units/${a}/plan/export?format=csv`, {
      headers: { cookie: lead },
    });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    const bytes = new Uint8Array(await csv.arrayBuffer());
    // A UTF-8 BOM first: Norwegian Excel then reads "æøå" right and splits on ";".
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(bytes).split("\n").slice(0, 2)).toEqual([
      "unit;series;focus_areas;measure;area;responsible;deadline;status;updated;area_kind;status_text",
      `Org > A;Engasjementspuls;Ledelse (forbedre);"Bedre <script>alert(""x"")</script> rutiner, ""med komma""";Ledelse;A 1;2026-12-20;not_started;2026-11-30;forbedre;Ikke startet`,
    ]);
    const html = await (
      await fetch(`${s.url}/api/rounds/${org.roundId}/units/${a}/plan/export?format=html`, {
        headers: { cookie: lead },
      })
    ).text();
    expect(html).toContain("<h1>Tiltaksplan: Org &gt; A</h1>");
    expect(html).toContain("Bedre &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; rutiner");
    expect(html).not.toContain("<script>");
  });
});
