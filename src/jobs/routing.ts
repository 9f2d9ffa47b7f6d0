import type { OrganizationRow, PersonRow } from "../db/schema";
import type { Platform } from "./sender";

/** Why nobody can be reached: the same words the invitation records and HR's console explains. */
export const NO_CHAT_ACCOUNT = "no chat account (no Slack or Teams id)";
const channelNotSetUp = (channel: string) => `channel ${channel} is not set up on this server`;

type Reachable = Pick<PersonRow, "slackUserId" | "teamsAadObjectId" | "phone" | "channel">;

/**
 * Which platform reaches a person (DESIGN.md "Reaching everyone"). A channel from the organization file
 * wins when it is set up here. Else automatic: Slack or Teams where the person has an id there, else
 * e-mail, else SMS with a phone number, else Slack found by e-mail. The local web chat only for the demo
 * organization: it is read through the demo picker (DESIGN.md rule 9), so for a real one it would reach
 * nobody, and the person is unreachable instead.
 */
export function routeFor(
  person: Reachable,
  enabled: ReadonlySet<Platform>,
  org: Pick<OrganizationRow, "demo"> | null,
): { platform: Platform } | { platform: null; reason: string } {
  if (person.channel !== null) {
    const ready =
      person.channel === "teams" ? person.teamsAadObjectId !== null : person.channel !== "sms" || person.phone !== null;
    return enabled.has(person.channel) && ready
      ? { platform: person.channel }
      : { platform: null, reason: channelNotSetUp(person.channel) };
  }
  if (person.slackUserId !== null && enabled.has("slack")) return { platform: "slack" };
  if (person.teamsAadObjectId !== null && enabled.has("teams")) return { platform: "teams" };
  if (enabled.has("email")) return { platform: "email" };
  if (person.phone !== null && enabled.has("sms")) return { platform: "sms" };
  if (enabled.has("slack")) return { platform: "slack" };
  if (enabled.has("webchat") && org?.demo === true) return { platform: "webchat" };
  return { platform: null, reason: NO_CHAT_ACCOUNT };
}

/** The platform alone, where the reason does not matter (it is recorded at the round's open). */
export function platformFor(
  person: Reachable,
  enabled: ReadonlySet<Platform>,
  org: Pick<OrganizationRow, "demo"> | null,
): Platform | null {
  return routeFor(person, enabled, org).platform;
}
