import { type Activity, ActivityTypes } from "botbuilder";
import type { Choice } from "../../src/bot/message";

/** Universal Actions' answers other than a card (learn.microsoft.com: "Adaptive Cards invoke response"). */

/** A typeahead's matches (invoke `application/search`): each shown by its label, sent back as its value. */
export function searchResponse(found: Choice[]): Partial<Activity> {
  const results = found.map((c) => ({ title: c.label, value: c.value }));
  return {
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { type: "application/vnd.microsoft.search.searchResponse", value: { results } } },
  };
}

/** A short message instead of a card: Teams shows it and leaves the tapped card as it was. */
export function messageResponse(text: string): Partial<Activity> {
  return {
    type: ActivityTypes.InvokeResponse,
    value: { status: 200, body: { statusCode: 200, type: "application/vnd.microsoft.activity.message", value: text } },
  };
}
