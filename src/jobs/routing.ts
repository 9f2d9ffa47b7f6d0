import type { PersonRow } from "../db/schema";
import type { Platform } from "./sender";

/**
 * Which platform reaches a person: Slack if they have a Slack id and Slack is
 * on, then Teams; someone with neither id goes to Slack when it is on (found
 * there by email); the local web chat only in the demo.
 */
export function platformFor(person: Pick<PersonRow, "slackUserId" | "teamsAadObjectId">, enabled: ReadonlySet<Platform>): Platform | null {
  if (person.slackUserId !== null && enabled.has("slack")) return "slack";
  if (person.teamsAadObjectId !== null && enabled.has("teams")) return "teams";
  if (enabled.has("slack")) return "slack";
  if (enabled.has("webchat")) return "webchat";
  return null;
}
