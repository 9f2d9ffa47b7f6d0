import { eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { series } from "../../src/db/schema";
import { createSeries } from "../../src/rounds/series";
import type { RunningServer } from "../../src/server/start";
import type { AuditResponse, SeriesResponse } from "../../src/web/api-types";
import { buildDashboardOrg, getJson, serveDashboardOrg, signIn } from "../helpers/dashboard-org";

let server: RunningServer | null = null;
afterEach(async () => {
  await server?.stop();
  server = null;
});

const FORM = {
  name: "Tirsdagspuls B",
  instrumentId: "quick-pulse",
  audience: "Org > B",
  every: "week",
  weekday: 2,
  time: "08:30",
  openDays: 3,
  reminderDays: [1],
};

/** The dashboard's organization (Monday 30 November, 10:00 in Oslo) with a weekly series on Mondays at 09:00. */
async function boot() {
  const org = buildDashboardOrg();
  server = await serveDashboardOrg(org);
  const s = server;
  const window = { start: 480, end: 1020, weekdaysOnly: true };
  const base = { instrumentId: "quick-pulse", audience: "Org > B", cadence: "0 9 * * 1", openDays: 5 };
  const { id } = createSeries(
    s.database.db,
    { name: "Ukepuls B", ...base, reminderDays: [2], window },
    org.clock.now(),
  );
  const sameOrigin = { "sec-fetch-site": "same-origin" };
  const edit = (cookie: string, body: unknown, headers: Record<string, string> = sameOrigin) =>
    getJson<{ next: string[]; error?: string; message?: string }>(s, `/api/series/${id}`, cookie, {
      method: "PUT",
      body: JSON.stringify(body),
      headers,
    });
  const row = () => s.database.db.select().from(series).where(eq(series.id, id)).get();
  return { org, s, id, edit, row };
}

describe("HR edits a series in the web app", () => {
  it("gets the form filled in, saves, sees the next runs in Oslo time, audited with nothing personal", async () => {
    const { s, id, edit } = await boot();
    const hr = await signIn(s, "hr@org.example");
    const before = (await getJson<SeriesResponse>(s, "/api/series", hr)).body.series;
    expect(before.find((x) => x.id === id)?.form).toEqual({
      name: "Ukepuls B",
      instrumentId: "quick-pulse",
      audience: "Org > B",
      schedule: { every: "week", weekday: 1, time: "09:00" },
      openDays: 5,
      reminderDays: [2],
    });
    // The dashboard's own series runs on the 1st of each month, written as cron: the form cannot say it.
    expect(before.find((x) => x.name === "Engasjementspuls")?.form).toMatchObject({ audience: "all", schedule: null });

    const saved = await edit(hr, FORM);
    expect(saved).toEqual({
      status: 200,
      body: {
        next: ["tirsdag 1. desember kl. 08:30", "tirsdag 8. desember kl. 08:30", "tirsdag 15. desember kl. 08:30"],
      },
    });
    const after = (await getJson<SeriesResponse>(s, "/api/series", hr)).body.series.find((x) => x.id === id)!;
    expect(after).toMatchObject({
      name: "Tirsdagspuls B",
      next: saved.body.next,
      form: { schedule: { every: "week", weekday: 2, time: "08:30" }, openDays: 3, reminderDays: [1] },
    });

    const audit = await getJson<AuditResponse>(s, "/api/audit", hr);
    expect(audit.body.entries[0]).toEqual({
      at: expect.any(String),
      who: "Hanne HR",
      via: "web",
      action: "series.edit",
      subject: id,
      details: { changed: "name, cadence, openDays, reminderDays" },
    });
  });

  it("answers the rules' refusal and changes nothing", async () => {
    const { s, edit, row } = await boot();
    const hr = await signIn(s, "hr@org.example");
    const before = row();
    const overlap = await edit(hr, { ...FORM, openDays: 10, reminderDays: [] });
    expect(overlap.status).toBe(400);
    expect(overlap.body.message).toBe(
      "En runde som er åpen i 10 dager, ville overlappe den neste (serien går hver 7. dag).",
    );
    const nowhere = await edit(hr, { ...FORM, audience: "Org > Nowhere" });
    expect(nowhere).toMatchObject({
      status: 404,
      body: { message: "Fant ingen enhet «Org > Nowhere». Skriv stien slik den står i organisasjonen." },
    });
    expect((await edit(hr, { ...FORM, cadence: "0 9 * * 1" })).status).toBe(400);
    expect(
      (
        await getJson(s, "/api/series/s_0000000000000000", hr, {
          method: "PUT",
          body: JSON.stringify(FORM),
          headers: { "sec-fetch-site": "same-origin" },
        })
      ).status,
    ).toBe(404);
    expect(row()).toEqual(before);
  });

  it("is refused to a leader and a rep, and to a request from another site, and changes nothing", async () => {
    const { s, edit, row } = await boot();
    const before = row();
    for (const email of ["lead.b@org.example", "rep.a@org.example"]) {
      const refused = await edit(await signIn(s, email), FORM);
      expect(refused.status, email).toBe(403);
      expect(refused.body.error).toBe("forbidden");
    }
    const hr = await signIn(s, "hr@org.example");
    const attempts: Record<string, string>[] = [{ "sec-fetch-site": "cross-site" }, { origin: "https://evil.example" }];
    for (const headers of attempts) {
      const refused = await edit(hr, FORM, headers);
      expect(refused.status, JSON.stringify(headers)).toBe(403);
      expect(refused.body.error).toBe("cross_site");
    }
    expect(row()).toEqual(before);
    const audit = await getJson<AuditResponse>(s, "/api/audit", hr);
    expect(audit.body.entries.filter((e) => e.action === "series.edit")).toEqual([]);
  });
});
