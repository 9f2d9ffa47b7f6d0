import type { SlackMessage } from "./slack-standin";

export type SlackButton = { action_id: string; value: string; block_id: string };

/** Every button of a message, in order, with the block it sits in. */
export function buttonsOf(m: SlackMessage): SlackButton[] {
  return m.blocks
    .filter((b) => b.type === "actions")
    .flatMap((b) =>
      (b.elements as { action_id: string; value: string }[]).map((e) => ({ ...e, block_id: String(b.block_id) })),
    );
}

/** The form body Slack posts when someone taps a button on a message (block_actions). */
export function interaction(
  apiUrl: string,
  user: string,
  m: SlackMessage,
  button: SlackButton,
  comment?: string,
  /** The stand-in's trigger (SlackStandIn.trigger), for a tap that opens a modal. */
  triggerId = "1.2.3",
): string {
  const payload = {
    type: "block_actions",
    user: { id: user, team_id: "T0001" },
    team: { id: "T0001" },
    api_app_id: "A0001",
    token: "legacy",
    trigger_id: triggerId,
    container: { type: "message", message_ts: m.ts, channel_id: m.channel, is_ephemeral: false },
    channel: { id: m.channel },
    message: { ts: m.ts, text: m.text, blocks: m.blocks },
    response_url: `${apiUrl}response`,
    actions: [
      {
        type: "button",
        action_id: button.action_id,
        block_id: button.block_id,
        value: button.value,
        action_ts: String(Date.now() / 1000),
      },
    ],
    state: {
      values:
        comment === undefined ? {} : { pulsen_comment: { comment: { type: "plain_text_input", value: comment } } },
    },
  };
  return `payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** Waits (real time, briefly) until the stand-in has seen what a test expects. */
export async function until(check: () => boolean, ms = 3000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 5));
  }
}
