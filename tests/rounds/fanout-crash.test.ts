import { describe, expect, it } from "vitest";
import { crashMidFanout } from "../helpers/fanout-crash";
import { tempDir } from "../helpers/tmp";

// 200 people are four of the worker's batches of 50, and the kill at message 80
// lands in the middle of the second: one batch fully recorded, one half sent,
// two untouched. The restart drains in batches of 100, so it takes more than
// one pass too. The 1,000-person run is in npm run bench (fanout_crash.*).
const PEOPLE = 200;
const KILL_AT = 80;

describe("a fan-out", () => {
  it("survives the scheduler being killed mid-send: after restart everyone has exactly one invitation", async () => {
    const r = await crashMidFanout(tempDir(), { people: PEOPLE, units: 10, killAt: KILL_AT });
    expect(r.queued).toBe(PEOPLE);

    // The scheduler process died while the platform was handling message 80:
    // the platform has it, the database does not know yet.
    expect(r.signal).toBe("SIGKILL");
    expect(r.receivedAtCrash).toBe(KILL_AT);
    expect(r.inFlight).toBe(1);
    expect(r.integrity).toBe("ok");

    const keys = r.received.map((m) => m.key);
    expect(keys).toHaveLength(PEOPLE);
    expect(new Set(keys).size).toBe(PEOPLE);
    expect(new Set(r.received.map((m) => m.to))).toEqual(new Set(r.invited));
    expect(r.states).toEqual([{ state: "sent", n: PEOPLE }]);
  });
});
