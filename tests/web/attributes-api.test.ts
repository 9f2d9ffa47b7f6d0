import { afterEach, describe, expect, it } from "vitest";
import type { RunningServer } from "../../src/server/start";
import type { AttributeReportResponse } from "../../src/web/api-types";
import { buildAttributeOrg, serveAttributeOrg } from "../helpers/attribute-org";
import { getJson, signIn } from "../helpers/dashboard-org";

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

describe("results by background variable in the web app", () => {
  it("are HR's: the round's attribute names, and each one's cells as the server decided them", async () => {
    const org = buildAttributeOrg();
    server = await serveAttributeOrg(org);
    const hr = await signIn(server, "hr@attr.example");
    const base = `/api/rounds/${org.roundId}/attributes`;
    expect(await getJson(server, base, hr)).toEqual({ status: 200, body: { names: ["full_time", "position_type"] } });
    const r = await getJson<AttributeReportResponse>(server, `${base}/position_type`, hr);
    expect(r.status).toBe(200);
    expect(r.body.cells.map((c) => [c.value, c.invited, c.suppressed, c.reason])).toEqual([
      ["Helsefagarbeider", 5, false, null],
      ["Lege", 1, true, "below_threshold"],
      // All nurses work in Org > A, shown with 10 responses: 10 − 8 would be its leader's and its rep's.
      ["Sykepleier", 8, true, "complementary"],
    ]);
    // A hidden cell carries no responses, rate or factors: nothing of what its people answered.
    expect(r.body.cells[2]).toEqual({ value: "Sykepleier", invited: 8, suppressed: true, reason: "complementary" });
    const assistants = r.body.cells[0]!;
    expect(assistants.suppressed ? null : assistants.factors.map((f) => [f.id, f.suppressed ? null : f.score])).toEqual(
      [
        ["engagement", 25],
        ["leadership", 25],
        ["execution", 25],
        ["change", 25],
      ],
    );
  });

  it("are refused to a leader and a union rep with 403, and to a bad name with 400, in the reader's language", async () => {
    const org = buildAttributeOrg();
    server = await serveAttributeOrg(org);
    const base = `/api/rounds/${org.roundId}/attributes`;
    for (const email of ["lead@attr.example", "rep@attr.example"]) {
      const cookie = await signIn(server, email);
      for (const path of [base, `${base}/position_type`]) {
        const r = await getJson(server, path, cookie);
        expect(r, `${email} ${path}`).toMatchObject({
          status: 403,
          body: { error: "forbidden", message: "Resultater etter bakgrunnsvariabler er bare for HR." },
        });
        expect(JSON.stringify(r.body)).not.toContain("Sykepleier");
      }
    }
    expect((await getJson(server, `${base}/position_type`)).status).toBe(403);
    const hr = await signIn(server, "hr@attr.example");
    expect((await getJson(server, `${base}/Position%20type`, hr)).status).toBe(400);
    expect(await getJson(server, `${base}/age_band`, hr)).toMatchObject({
      status: 404,
      body: { message: "Runden har ingen bakgrunnsvariabel «age_band» (den har full_time, position_type)." },
    });
  });
});
