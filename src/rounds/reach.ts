import { getOrganization } from "../db/org-store";
import type { Store } from "../db/open";
import type { SeriesRow } from "../db/schema";
import { NO_CHAT_ACCOUNT, routeFor } from "../jobs/routing";
import type { Platform } from "../jobs/sender";
import { audience } from "./audience";

export interface Reach {
  /** Everyone the round would invite. */
  audience: number;
  /** How many each platform reaches; `slackByEmail`: of Slack's, those Slack finds by e-mail at send time. */
  platforms: Partial<Record<Platform, number>>;
  slackByEmail: number;
  /** Who cannot be reached at all, counted by reason (the same reason the invitation would record). */
  unreachable: { reason: string; fix: ReachFix; count: number }[];
}

/** Who a round of this series would reach now, and how: the same decision openRound makes, written nowhere. */
export function reachOf(store: Store, s: SeriesRow, platforms: ReadonlySet<Platform>): Reach {
  const org = getOrganization(store);
  const people = audience(store, s.audienceUnitId);
  const counts: Partial<Record<Platform, number>> = {};
  let slackByEmail = 0;
  const none = new Map<string, number>();
  for (const person of people) {
    const route = routeFor(person, platforms, org);
    const { platform } = route;
    if (route.platform === null) none.set(route.reason, (none.get(route.reason) ?? 0) + 1);
    else counts[route.platform] = (counts[route.platform] ?? 0) + 1;
    if (platform === "slack" && person.slackUserId === null) slackByEmail++;
  }
  return {
    audience: people.length,
    platforms: counts,
    slackByEmail,
    unreachable: [...none].map(([reason, count]) => ({ reason, fix: fixFor(reason), count })),
  };
}

/** What fixes an unreachable person, decided from the reason their invitation recorded. */
export type ReachFix =
  | "add_chat_id"
  | "set_up_channel"
  | "check_address"
  | "install_teams"
  | "slack_account"
  | "check_account";

export function fixFor(reason: string): ReachFix {
  if (reason === NO_CHAT_ACCOUNT) return "add_chat_id";
  if (reason.startsWith("channel ") && reason.endsWith("is not set up on this server")) return "set_up_channel";
  // E-mail and SMS: the address bounced or the provider refused the number.
  if (reason.startsWith("email:") || reason.startsWith("sms:")) return "check_address";
  if (reason.includes("not installed") && reason.includes("Teams")) return "install_teams";
  if (reason === "users_not_found" || reason === "user_not_found") return "slack_account";
  return "check_account";
}
