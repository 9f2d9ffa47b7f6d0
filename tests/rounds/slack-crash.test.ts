import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { type KillPoint, slackCrash } from "../helpers/slack-crash";

// A real server process with the real Slack adapter, SIGKILLed at message 7 of 12 at each of the three points
// where a send can be cut short; a new server on the same file then drains the rest. The platform bucket
// (5 a second) puts the kill in the second pass. Slack messages carry the outbox key as metadata, so the
// restart asks Slack (conversations.history) about a send whose outcome it never recorded.
//
// The window that remains: the restart treats an unrecorded send as unknown only once its lease (2 minutes)
// has passed, and it finds the message only if Slack lists it in the DM's last 50 messages and answers the
// lookup. If that lookup fails (network, 5xx) the message is sent again: at least once, never silently lost.
// Platforms without a lookup (Teams, SMS) resend an unknown outcome: a duplicate is possible there, for
// the one message in flight per process at the moment of the crash.
const PEOPLE = 12;
const AT = 7;

describe("a Slack fan-out killed with SIGKILL", () => {
  it.concurrent.for<[KillPoint, number]>([
    // The row was claimed, the request never left: Slack has the six before it.
    ["before-send", AT - 1],
    // Slack has message 7 and had not answered yet.
    ["after-accepted", AT],
    // Slack answered message 7; the process died inside a write transaction recording sent rows.
    ["in-transaction", AT],
  ])(
    "at %s of message 7: the file is intact and, after a restart, everyone has exactly one invitation",
    async ([point, atCrash], { onTestFinished }) => {
      // Its own folder, cleaned up by its own context: tempDir() cannot tell concurrent tests apart.
      const dir = mkdtempSync(join(tmpdir(), "pulsen-test-"));
      onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
      const r = await slackCrash({ dir, people: PEOPLE, at: AT, point });
      expect(r.signal).toBe("SIGKILL");
      expect(r.atCrash).toBe(atCrash);
      expect(r.integrity).toBe("ok");
      expect(r.uncommitted).toBe(0);
      for (const channel of r.channels) expect(r.perChannel.get(channel), channel).toHaveLength(1);
      const keys = [...r.perChannel.values()].flat();
      expect(new Set(keys).size).toBe(PEOPLE);
      expect(r.states).toEqual({ sent: PEOPLE });
    },
  );
});
