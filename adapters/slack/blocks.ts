import type { types } from "@slack/bolt";
import { encodeAction } from "../../src/bot/actions";
import type { Block, BotMessage, Button } from "../../src/bot/message";

/** Slack's limits for what we send (Block Kit reference). */
const LIMITS = {
  blocks: 50,
  actions: 25,
  buttonText: 75,
  buttonValue: 2000,
  sectionText: 3000,
  headerText: 150,
  contextText: 2000,
} as const;

export const COMMENT_BLOCK = "pulsen_comment";
export const COMMENT_ACTION = "comment";
export const LINK_ACTION = "pulsen:link";

type SlackBlock = Record<string, unknown>;

function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** Plain text, never mrkdwn: what people typed can mention nobody and link nowhere. */
function plain(text: string, max: number) {
  return { type: "plain_text", text: cut(text === "" ? " " : text, max), emoji: true };
}

/** The notification fallback is read as mrkdwn by Slack: escape its control characters. */
function escapeFallback(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

function button(b: Button, actionId: string) {
  const value = encodeAction(b.action);
  if (value.length > LIMITS.buttonValue) throw new Error("button value over Slack's limit");
  return {
    type: "button",
    action_id: actionId,
    text: plain(b.label, LIMITS.buttonText),
    value,
    ...(b.style === "primary" ? { style: "primary" } : {}),
  };
}

/** One exhaustive switch: every block kind of the neutral model has its Block Kit. */
function render(b: Block, n: number): SlackBlock[] {
  switch (b.type) {
    case "header":
      return [{ type: "header", text: plain(b.text, LIMITS.headerText) }];
    case "text":
      return [{ type: "section", text: plain(b.text, LIMITS.sectionText) }];
    case "context":
      return [{ type: "context", elements: [plain(b.text, LIMITS.contextText)] }];
    case "likert":
      // One actions block: 1, 2, 3, 4, 5, then skip (CONTRACT.md).
      return [
        { type: "section", text: plain(b.statement, LIMITS.sectionText) },
        {
          type: "actions",
          block_id: `pulsen_likert_${n}`,
          elements: b.answers.map((a, i) => button(a, `pulsen:likert:${i}`)),
        },
      ];
    case "buttons":
      return [
        {
          type: "actions",
          block_id: `pulsen_buttons_${n}`,
          elements: b.buttons.slice(0, LIMITS.actions).map((x, i) => button(x, `pulsen:button:${i}`)),
        },
      ];
    case "link":
      // Slack still sends a block action for a URL button; the handler acknowledges it and does nothing.
      return [
        {
          type: "actions",
          block_id: `pulsen_link_${n}`,
          elements: [
            {
              type: "button",
              action_id: LINK_ACTION,
              text: plain(b.label, LIMITS.buttonText),
              url: b.url,
              style: "primary",
            },
          ],
        },
      ];
    case "table":
      return [
        {
          type: "section",
          text: plain([b.columns.join(" | "), ...b.rows.map((r) => r.join(" | "))].join("\n"), LIMITS.sectionText),
        },
      ];
    case "form":
      return [
        {
          type: "input",
          block_id: COMMENT_BLOCK,
          optional: true,
          label: plain(b.field.label, 2000),
          element: {
            type: "plain_text_input",
            action_id: COMMENT_ACTION,
            multiline: b.field.multiline,
            max_length: b.field.maxLength,
            placeholder: plain(b.field.placeholder, 150),
          },
        },
        {
          type: "actions",
          block_id: `pulsen_form_${n}`,
          elements: [button(b.submit, "pulsen:form:submit"), ...(b.skip ? [button(b.skip, "pulsen:form:skip")] : [])],
        },
      ];
    default: {
      const never: never = b;
      return never;
    }
  }
}

export function toBlockKit(m: BotMessage): { text: string; blocks: types.AnyBlock[] } {
  const blocks = m.blocks.flatMap((b, i) => render(b, i)).slice(0, LIMITS.blocks);
  // The shapes above follow the Block Kit reference; the tests read them back through the Slack stand-in.
  return { text: escapeFallback(cut(m.summary, 3000)), blocks: blocks as unknown as types.AnyBlock[] };
}
