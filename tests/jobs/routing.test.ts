import { describe, expect, it } from "vitest";
import { NO_CHAT_ACCOUNT, routeFor } from "../../src/jobs/routing";
import type { Platform } from "../../src/jobs/sender";

const person = (p: Partial<Parameters<typeof routeFor>[0]> = {}) => ({
  slackUserId: null,
  teamsAadObjectId: null,
  phone: null,
  channel: null,
  ...p,
});
const on = (...platforms: Platform[]) => new Set<Platform>(platforms);
const real = { demo: false };

describe("which channel reaches a person", () => {
  it("prefers chat where the person has an id, then e-mail, then SMS, then Slack found by e-mail", () => {
    const all = on("slack", "teams", "email", "sms");
    expect(routeFor(person({ slackUserId: "U1" }), all, real)).toEqual({ platform: "slack" });
    expect(routeFor(person({ teamsAadObjectId: "t" }), all, real)).toEqual({ platform: "teams" });
    expect(routeFor(person({ phone: "+4791234567" }), all, real)).toEqual({ platform: "email" });
    expect(routeFor(person({ phone: "+4791234567" }), on("slack", "sms"), real)).toEqual({ platform: "sms" });
    expect(routeFor(person(), on("slack", "sms"), real)).toEqual({ platform: "slack" });
    expect(routeFor(person(), on("teams", "sms"), real)).toEqual({ platform: null, reason: NO_CHAT_ACCOUNT });
  });

  it("follows the channel the organization file names, and says so when it is not set up here", () => {
    const all = on("slack", "teams", "email", "sms");
    expect(routeFor(person({ slackUserId: "U1", channel: "email" }), all, real)).toEqual({ platform: "email" });
    expect(routeFor(person({ phone: "+4791234567", channel: "sms" }), all, real)).toEqual({ platform: "sms" });
    expect(routeFor(person({ channel: "email" }), on("slack"), real)).toEqual({
      platform: null,
      reason: "channel email is not set up on this server",
    });
  });

  it("uses the web chat only for the demo organization", () => {
    expect(routeFor(person(), on("webchat"), { demo: true })).toEqual({ platform: "webchat" });
    expect(routeFor(person(), on("webchat"), real).platform).toBeNull();
  });
});
