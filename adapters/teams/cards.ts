import type { Block, BotAction, BotMessage, Button } from "../../src/bot/message";

const CARD_VERB = "pulsen";
export const COMMENT_INPUT = "comment";

type Json = Record<string, unknown>;

/** Teams accepts about 28 KB per message; stay well under it (413 MessageSizeTooBig). */
const MAX_CARD_BYTES = 20_000;

function action(b: Button): Json {
  // Action.Execute (Universal Actions): the invoke's response replaces the card in place.
  return {
    type: "Action.Execute",
    title: b.label,
    verb: CARD_VERB,
    data: { pulsen: b.action satisfies BotAction },
    ...(b.style === "primary" ? { style: "positive" } : {}),
  };
}

/** Text is plain: Teams renders a subset of Markdown, so what people typed is escaped. */
function plainText(text: string): string {
  return text.replace(/([\\`*_[\]#>|~<])/g, "\\$1");
}

const textBlock = (text: string, extra: Json = {}): Json => ({
  type: "TextBlock",
  text: plainText(text),
  wrap: true,
  ...extra,
});

/** One exhaustive switch: every block kind of the neutral model has its Adaptive Card elements. */
function render(b: Block): Json[] {
  switch (b.type) {
    case "header":
      return [textBlock(b.text, { size: "Medium", weight: "Bolder" })];
    case "text":
      return [textBlock(b.text)];
    case "context":
      return [textBlock(b.text, { isSubtle: true, size: "Small" })];
    case "likert":
      // In order: 1, 2, 3, 4, 5, then skip (CONTRACT.md).
      return [
        textBlock(b.statement, { weight: "Bolder", size: "Medium" }),
        { type: "ActionSet", actions: b.answers.map(action) },
      ];
    case "buttons":
      return [{ type: "ActionSet", actions: b.buttons.map(action) }];
    case "link":
      return [{ type: "ActionSet", actions: [{ type: "Action.OpenUrl", title: b.label, url: b.url }] }];
    case "table":
      return [
        {
          type: "Table",
          columns: b.columns.map(() => ({ width: 1 })),
          firstRowAsHeader: true,
          rows: [b.columns, ...b.rows].map((r) => ({
            type: "TableRow",
            cells: r.map((c) => ({ type: "TableCell", items: [textBlock(c)] })),
          })),
        },
      ];
    case "form":
      return [
        {
          type: "Input.Text",
          id: COMMENT_INPUT,
          label: plainText(b.field.label),
          placeholder: b.field.placeholder,
          isMultiline: b.field.multiline,
          maxLength: b.field.maxLength,
        },
        { type: "ActionSet", actions: [b.submit, ...(b.skip ? [b.skip] : [])].map(action) },
      ];
    default: {
      const never: never = b;
      return never;
    }
  }
}

/** The neutral message as an Adaptive Card (schema 1.5, what Teams renders). */
export function toAdaptiveCard(m: BotMessage): Json {
  const card = {
    type: "AdaptiveCard",
    $schema: "http://adaptivecards.io/schemas/adaptive-card.json",
    version: "1.5",
    body: m.blocks.flatMap(render),
    msteams: { width: "Full" },
  };
  if (JSON.stringify(card).length > MAX_CARD_BYTES) throw new Error("card over the size budget");
  return card;
}

export const cardAttachment = (m: BotMessage) => ({
  contentType: "application/vnd.microsoft.card.adaptive",
  content: toAdaptiveCard(m),
});
