import type { OrganizationRow, PersonRow } from "../db/schema";
import type { Platform } from "./sender";

/**
 * Which platform reaches a person: Slack if they have a Slack id and Slack is
 * on, then Teams; someone with neither id goes to Slack when it is on (found
 * there by email). The local web chat only for the demo organization: it is
 * read through the demo picker (DESIGN.md rule 9), so for a real one it would
 * reach nobody, and the person is unreachable instead.
 */
export function platformFor(
  person: Pick<PersonRow, "slackUserId" | "teamsAadObjectId">,
  enabled: ReadonlySet<Platform>,
  org: Pick<OrganizationRow, "demo"> | null,
): Platform | null {
  if (person.slackUserId !== null && enabled.has("slack")) return "slack";
  if (person.teamsAadObjectId !== null && enabled.has("teams")) return "teams";
  if (enabled.has("slack")) return "slack";
  if (enabled.has("webchat") && org?.demo === true) return "webchat";
  return null;
}
