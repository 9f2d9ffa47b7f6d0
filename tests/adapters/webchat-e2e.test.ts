import { Writable } from "node:stream";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { webchatAdapter } from "../../adapters/webchat";
import { loadConfig } from "../../src/config";
import { ManualClock } from "../../src/core/clock";
import { ALWAYS } from "../../src/core/quiet-hours";
import { openDatabase } from "../../src/db/open";
import { answers, comments, drafts, invitations, organizations, people, responses } from "../../src/db/schema";
import { createLogger } from "../../src/log";
import { importOrgCsv } from "../../src/org/import";
import { closeRound } from "../../src/rounds/close";
import { openRound } from "../../src/rounds/open";
import { createSeries, getSeries } from "../../src/rounds/series";
import { startServer } from "../../src/server/start";
import { csv } from "../helpers/csv";
import { tempDir } from "../helpers/tmp";
import { WebchatClient } from "../helpers/webchat-client";

const ORG = csv([
  "leder@fjord.example,Live Leder,Fjord AS,Fjord AS,hr,U0LEDER,,,",
  ...["ola", "kari", "per", "aase", "nils", "siv"].map(
    (n, i) =>
      `${n}@fjord.example,${n.toUpperCase()} Ansatt,Fjord AS > Drift,,,U0${n.toUpperCase()}${i},,${i === 2 ? "en" : i === 4 ? "nn" : ""},`,
  ),
]);

/** What person i answers to statement j: different for everyone, with one skip. */
const planned = (i: number, j: number): number | "skip" => (i === 0 && j === 3 ? "skip" : ((i * 3 + j) % 5) + 1);

async function boot() {
  const dir = tempDir();
  const path = `${dir}/pulsen.db`;
  const clock = new ManualClock("2026-11-24T09:00:00Z");
  const logLines: string[] = [];
  const logger = createLogger(
    "debug",
    new Writable({
      write: (c, _e, done) => {
        logLines.push(String(c));
        done();
      },
    }),
  );
  const setup = openDatabase(path);
  const { storeBuiltins } = await import("../../src/db/instrument-store");
  const { builtinInstruments } = await import("../../src/instruments/catalog");
  storeBuiltins(setup.db, builtinInstruments(), clock);
  importOrgCsv(setup.db, new TextEncoder().encode(ORG), { dryRun: false, clock });
  // Answering as anyone in /chat is for the demo organization only (DESIGN.md rule 9): flag it as seedDemo does.
  setup.db.update(organizations).set({ demo: true }).run();
  const { id: seriesId } = createSeries(
    setup.db,
    {
      name: "Engasjementspuls",
      instrumentId: "engagement-pulse",
      audience: "Fjord AS > Drift",
      cadence: "0 9 1 * *",
      openDays: 14,
      reminderDays: [3],
      window: { ...ALWAYS },
    },
    clock.now(),
  );
  const roundId = setup.db.transaction((tx) =>
    openRound(tx, getSeries(tx, seriesId), null, clock.now(), { platforms: new Set(["webchat"]) }),
  );
  setup.close();
  const start = async () => {
    const running = await startServer(loadConfig({ PORT: "0", DATABASE_PATH: path }), logger, clock, {
      adapters: [webchatAdapter],
      tick: null,
    });
    await running.scheduler.tick(); // deliver what is due
    return running;
  };
  return { path, clock, logLines, roundId, start };
}

describe("the web chat, end to end over HTTP", () => {
  it("takes six people from invitation through 13 answers, a skip and a comment to thanks, and stores six anonymous responses", async () => {
    const world = await boot();
    let running = await world.start();
    // A person reads before tapping: each tap comes a few seconds after the last (a quicker one is a double tap).
    const chat = () => new WebchatClient(running.url, () => world.clock.advance(3000));
    const db = () => running.database.db;
    const staff = db()
      .select({ id: people.id, email: people.email })
      .from(people)
      .all()
      .filter((p) => p.email !== "leder@fjord.example")
      .sort((a, b) => a.email.localeCompare(b.email));
    expect(staff).toHaveLength(6);
    const pages: string[][] = staff.map(() => []);

    for (const [i, person] of staff.entries()) {
      const invite = await chat().last(person.id);
      expect(invite.buttons[0]!.action).toEqual({ a: "start", r: world.roundId });
      expect((await chat().tap(person.id, invite.id, invite.buttons[0]!.raw)).status).toBe(303);

      for (let j = 0; j < 13; j++) {
        if (i === 1 && j === 6) {
          // Kari stops half-way; Pulsen restarts; she comes back and goes on where she left off.
          await running.stop();
          running = await world.start();
        }
        const q = await chat().last(person.id);
        pages[i]!.push(q.text);
        expect(q.text).toMatch(new RegExp(`(Utsagn|Utsegn|Statement) ${j + 1} (av|of) 13`));
        // 1, 2, 3, 4, 5, then skip: the order CONTRACT.md promises.
        expect(q.buttons.slice(0, 6).map((b) => (b.action.a === "answer" ? b.action.v : null))).toEqual([
          1,
          2,
          3,
          4,
          5,
          "skip",
        ]);
        // Then Back, on every statement after the first.
        expect(q.buttons.slice(6).map((b) => b.action.a)).toEqual(j === 0 ? [] : ["back"]);
        const wanted = q.buttons.find((b) => b.action.a === "answer" && b.action.v === planned(i, j))!;
        expect((await chat().tap(person.id, q.id, wanted.raw)).status).toBe(303);
      }
      const form = await chat().last(person.id);
      expect(form.hasCommentField).toBe(true);
      pages[i]!.push(form.text);
      const submit = form.buttons.find((b) => b.action.a === "comment")!;
      await chat().tap(
        person.id,
        form.id,
        submit.raw,
        i % 2 === 0 ? `Mer tid til opplæring <script>alert(${i})</script>` : "",
      );
      const thanks = await chat().last(person.id);
      expect(thanks.text).toMatch(/Takk for svarene!|Takk for svara!|Thank you for answering!/);
      expect(thanks.text).toMatch(/kan ikke lenger endres|kan ikkje lenger endrast|can no longer be changed/);
    }

    // Nobody's screens depended on what they answered: same statements, same progress, no chosen value.
    const nb = [0, 1, 3, 5];
    for (const i of nb.slice(1)) expect(pages[i]).toEqual(pages[nb[0]!]);

    const invs = db().select().from(invitations).where(eq(invitations.roundId, world.roundId)).all();
    expect(invs.every((x) => x.completed)).toBe(true);
    db().transaction((tx) => closeRound(tx, world.roundId, world.clock.now()));

    const stored = db().select().from(responses).all();
    expect(stored).toHaveLength(6);
    const got = stored
      .map((r) => {
        const rows = db().select().from(answers).where(eq(answers.responseId, r.id)).all();
        return rows
          .map((a) => `${a.itemId}=${a.value}`)
          .sort()
          .join(",");
      })
      .sort();
    const items = (await import("../../src/instruments/catalog"))
      .builtinInstruments()[0]!
      .factors.flatMap((f) => f.items.map((it) => it.id));
    const expected = staff
      .map((_, i) =>
        items
          .map((id, j) => [id, planned(i, j)] as const)
          .filter(([, v]) => v !== "skip")
          .map(([id, v]) => `${id}=${v}`)
          .sort()
          .join(","),
      )
      .sort();
    expect(got).toEqual(expected);
    expect(got.filter((g) => g.split(",").length === 12)).toHaveLength(1); // the one with a skip

    const texts = db()
      .select({ text: comments.text })
      .from(comments)
      .all()
      .map((c) => c.text)
      .sort();
    expect(texts).toEqual([
      "Mer tid til opplæring <script>alert(0)</script>",
      "Mer tid til opplæring <script>alert(2)</script>",
      "Mer tid til opplæring <script>alert(4)</script>",
    ]);
    expect(db().select().from(drafts).all()).toEqual([]);

    // No row anywhere links a person (id, email, platform id) to a response.
    const sqlite = running.database.sqlite;
    const identities = new Set(
      db()
        .select()
        .from(people)
        .all()
        .flatMap((p) => [p.id, p.email, p.slackUserId].filter((x): x is string => x !== null)),
    );
    for (const table of ["responses", "answers", "comments"]) {
      const columns = (sqlite.prepare(`pragma table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
      expect(
        columns.filter((c) => /person|user|email|slack|teams|message|created|updated|_at$/.test(c)),
        table,
      ).toEqual([]);
      for (const row of sqlite.prepare(`select * from ${table}`).all() as Record<string, unknown>[]) {
        for (const value of Object.values(row)) expect(identities.has(String(value))).toBe(false);
      }
    }
    const tables = (
      sqlite.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]
    ).map((t) => t.name);
    // The web chat's history is a person's own screen: it keeps no comment they wrote (nor any value).
    expect(sqlite.prepare("select count(*) as n from webchat_messages where message like '%Mer tid%'").get()).toEqual({
      n: 0,
    });
    // Drafts are the one allowed link while someone answers (DESIGN.md rule 2), and they are gone now.
    expect(sqlite.prepare("select count(*) as n from draft_answers").get()).toEqual({ n: 0 });
    for (const t of tables.filter((name) => name !== "draft_answers" && name !== "drafts")) {
      const cols = (sqlite.prepare(`pragma table_info(${t})`).all() as { name: string }[]).map((c) => c.name);
      const hasPerson = cols.some((c) => c === "person_id");
      const hasAnswer = cols.some((c) => c === "response_id" || c === "value");
      expect(hasPerson && hasAnswer, `${t} links people and answers`).toBe(false);
    }

    // The logs never carry an answer value.
    const logs = world.logLines.join("");
    expect(logs).not.toMatch(/"v":|"value"|"answers"/);

    // A tap after the close gets a polite reply and changes nothing.
    const again = await chat().last(staff[0]!.id);
    await chat().tap(staff[0]!.id, again.id, JSON.stringify({ a: "start", r: world.roundId }));
    expect((await chat().last(staff[0]!.id)).text).toMatch(/avsluttet|closed on/);
    expect(db().select().from(responses).all()).toHaveLength(6);
    await running.stop();
  });
});
