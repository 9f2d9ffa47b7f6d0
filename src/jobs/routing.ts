import type { PersonRow } from "../db/schema";
import type { Platform } from "./sender";

/**
 * Which platform reaches a person: Slack if they have a Slack id and Slack is
 * on, then Teams, then the local web chat (demo and preview).
 */
export function platformFor(person: Pick<PersonRow, "slackUserId" | "teamsAadObjectId">, enabled: ReadonlySet<Platform>): Platform | null {
  if (person.slackUserId !== null && enabled.has("slack")) return "slack";
  if (person.teamsAadObjectId !== null && enabled.has("teams")) return "teams";
  if (enabled.has("webchat")) return "webchat";
  return null;
}
