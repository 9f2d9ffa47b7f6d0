import type { types } from "@slack/bolt";
import { encodeAction } from "../../src/bot/actions";
import type { Block, BotAction, BotMessage, Button, Field } from "../../src/bot/message";

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
/** A modal's form (the action plan): its submission comes back as a view_submission with this callback id. */
export const FORM_CALLBACK = "pulsen:form";
/** A person field's external_select: the options load (block_suggestion) names the field's source after it. */
export const PEOPLE_ACTION = "pulsen:people:";
/** Every other input's action id: the block id is the field's id. */
const FIELD_ACTION = "v";

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

const option = (value: string, label: string) => ({ text: plain(label, 75), value });

/** One field of a form as an input block, its block id the field's id (parse.ts reads the values back). */
function input(f: Field): SlackBlock {
  const label = plain(f.label, 2000);
  const base = { type: "input", block_id: f.id, optional: f.optional, label };
  switch (f.kind) {
    case "label":
      return { type: "header", block_id: f.id, text: plain(f.label, LIMITS.headerText) };
    case "text":
      return {
        ...base,
        element: {
          type: "plain_text_input",
          action_id: FIELD_ACTION,
          max_length: f.maxLength,
          placeholder: plain(f.placeholder, 150),
          ...(f.value === "" ? {} : { initial_value: f.value }),
        },
      };
    case "date":
      return {
        ...base,
        element: { type: "datepicker", action_id: FIELD_ACTION, ...(f.value ? { initial_date: f.value } : {}) },
      };
    case "choice": {
      const options = f.options.slice(0, 100).map((o) => option(o.value, o.label));
      const initial = options.filter((o) => f.chosen.includes(o.value));
      const element =
        f.max === 1
          ? { type: "static_select", ...(initial[0] ? { initial_option: initial[0] } : {}) }
          : {
              type: "multi_static_select",
              max_selected_items: f.max,
              ...(initial.length > 0 ? { initial_options: initial } : {}),
            };
      return {
        ...base,
        element: { ...element, action_id: FIELD_ACTION, placeholder: plain(f.placeholder, 150), options },
      };
    }
    case "person":
      // Searched as it is typed: Slack asks the options load URL (/slack/events) with what was typed.
      return {
        ...base,
        element: {
          type: "external_select",
          action_id: `${PEOPLE_ACTION}${f.source}`,
          min_query_length: 0,
          placeholder: plain(f.placeholder, 150),
          ...(f.chosen ? { initial_option: option(f.chosen.value, f.chosen.label) } : {}),
        },
      };
    case "toggle": {
      const on = option("on", f.label);
      return {
        ...base,
        element: {
          type: "checkboxes",
          action_id: FIELD_ACTION,
          options: [on],
          ...(f.on ? { initial_options: [on] } : {}),
        },
      };
    }
    default: {
      const never: never = f;
      return never;
    }
  }
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
    case "inputs":
      // A form's fields; its submit is the modal's own button (toModal), its search Slack's live one.
      return b.fields.map(input);
    default: {
      const never: never = b;
      return never;
    }
  }
}

/**
 * A message with a form as a modal (views.open): the form's submit becomes the modal's, and its action
 * comes back in private_metadata. Null when the message has no form.
 */
export function toModal(m: BotMessage): types.ModalView | null {
  const form = m.blocks.find((b) => b.type === "inputs");
  if (form === undefined) return null;
  const submit: BotAction = form.submit.action;
  return {
    type: "modal",
    callback_id: FORM_CALLBACK,
    private_metadata: encodeAction(submit),
    title: plain(form.title, 24),
    submit: plain(form.submit.label, 24),
    blocks: m.blocks.flatMap((b, i) => render(b, i)).slice(0, 100) as unknown as types.AnyBlock[],
  } as types.ModalView;
}

export function toBlockKit(m: BotMessage): { text: string; blocks: types.AnyBlock[] } {
  const blocks = m.blocks.flatMap((b, i) => render(b, i)).slice(0, LIMITS.blocks);
  // The shapes above follow the Block Kit reference; the tests read them back through the Slack stand-in.
  return { text: escapeFallback(cut(m.summary, 3000)), blocks: blocks as unknown as types.AnyBlock[] };
}
