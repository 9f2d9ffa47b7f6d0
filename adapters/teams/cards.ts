import type { Block, BotAction, BotMessage, Button, Field } from "../../src/bot/message";

const CARD_VERB = "pulsen";
export const COMMENT_INPUT = "comment";
/** A person field's Data.Query dataset: the invoke `application/search` names the field's source after it. */
export const PEOPLE_DATASET = "pulsen:people:";

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

/** One field of a form as an input, its id the field's id (the Action.Execute's data carries its value). */
function input(f: Field): Json[] {
  const error =
    f.error === undefined ? [] : [textBlock(f.error, { color: "Attention", size: "Small", spacing: "None" })];
  const base = { id: f.id, label: plainText(f.label), isRequired: !f.optional };
  switch (f.kind) {
    case "label":
      return [textBlock(f.label, { weight: "Bolder", separator: true, spacing: "Medium" })];
    case "text":
      return [
        { type: "Input.Text", ...base, value: f.value, placeholder: f.placeholder, maxLength: f.maxLength },
        ...error,
      ];
    case "date":
      return [{ type: "Input.Date", ...base, ...(f.value ? { value: f.value } : {}) }, ...error];
    case "choice":
      return [
        {
          type: "Input.ChoiceSet",
          ...base,
          style: "compact",
          isMultiSelect: f.max > 1,
          placeholder: f.placeholder,
          choices: f.options.map((o) => ({ title: o.label, value: o.value })),
          ...(f.chosen.length > 0 ? { value: f.chosen.join(",") } : {}),
        },
        ...error,
      ];
    case "person":
      // Typeahead: Teams sends the invoke `application/search` with what is typed, for this dataset.
      return [
        {
          type: "Input.ChoiceSet",
          ...base,
          style: "filtered",
          placeholder: f.placeholder,
          choices: f.chosen === null ? [] : [{ title: f.chosen.label, value: f.chosen.value }],
          "choices.data": { type: "Data.Query", dataset: `${PEOPLE_DATASET}${f.source}` },
          ...(f.chosen === null ? {} : { value: f.chosen.value }),
        },
        ...error,
      ];
    case "toggle":
      return [{ type: "Input.Toggle", ...base, title: plainText(f.label), value: f.on ? "true" : "false" }];
    default: {
      const never: never = f;
      return never;
    }
  }
}

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
    case "inputs":
      // Teams searches the person fields itself: the web chat's search button is not needed here.
      return [...b.fields.flatMap(input), { type: "ActionSet", actions: [action(b.submit)] }];
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
