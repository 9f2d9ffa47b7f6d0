/**
 * The bot's one message model. Slack renders it as Block Kit, Teams as
 * Adaptive Cards, the web chat as HTML; nothing here knows any of them.
 * A message never carries an answer's value as text (DESIGN.md rule 3):
 * the buttons carry possible values, never the chosen one.
 */
export type BotAction =
  | { a: "start"; r: string }
  | { a: "snooze"; r: string }
  | { a: "answer"; r: string; i: string; v: 1 | 2 | 3 | 4 | 5 | "skip" }
  /** The round after a plan: has this focus area improved? */
  | { a: "followup"; r: string; i: string; v: "better" | "same" | "worse" | "skip" }
  /** One step back from the step on screen (`i`: a statement, a follow-up, or the comment form). */
  | { a: "back"; r: string; i: string }
  | { a: "comment"; r: string }
  /** The appreciative question after the focus areas: its text comes as the form's input, like a comment's. */
  | { a: "appreciate"; r: string }
  | { a: "skip_appreciate"; r: string }
  | { a: "skip_comment"; r: string }
  /**
   * The person responsible (or a leader) reports a measure's status, or "later": it needs more time
   * (without `d` the bot offers new deadlines; with `d`, YYYY-MM-DD, that is the new one).
   */
  | { a: "measure"; m: string; s: "not_started" | "in_progress" | "done" | "later"; d?: string }
  /** The digest's *Make an action plan*: opens the plan's form for unit `u` after round `r`. */
  | { a: "plan"; r: string; u: string }
  /** The plan's form sent: focus areas and new measures, in the form's fields. */
  | { a: "plan_save"; r: string; u: string }
  /** The web chat's search for a responsible person: the form again, its fields kept, with the matches. */
  | { a: "plan_find"; r: string; u: string };

export interface Button {
  label: string;
  action: BotAction;
  style?: "primary" | "default";
}

export type Block =
  | { type: "header"; text: string }
  | { type: "text"; text: string }
  | { type: "context"; text: string }
  | {
      type: "likert";
      statement: string;
      /** Position k of n, 1-based. */
      position: { k: number; n: number };
      /** Five buttons for 1–5 in order, then skip: the order CONTRACT.md promises. */
      answers: [Button, Button, Button, Button, Button, Button];
    }
  | { type: "buttons"; buttons: Button[] }
  /** Opens a page of Pulsen's own (the dashboard sign-in); never a link someone typed. */
  | { type: "link"; label: string; url: string }
  | { type: "table"; columns: string[]; rows: string[][] }
  | {
      type: "form";
      /** A short form: one text field and a submit; a second button may skip. */
      field: { label: string; placeholder: string; maxLength: number; multiline: boolean };
      submit: Button;
      skip?: Button;
    }
  /**
   * A form of several fields (the action plan). `submit` sends every field's value; `search`, for
   * platforms without a live search (the web chat), shows the form again with the people found.
   */
  | { type: "inputs"; title: string; fields: Field[]; submit: Button; search: Button };

/** One option of a choice: `value` is what comes back, `label` what people read. */
export interface Choice {
  value: string;
  label: string;
}

/** One input of a form; `id` names its value in `FormValues`, `error` says what is wrong with it. */
export type Field = { id: string; label: string; optional: boolean; error?: string } & (
  | { kind: "text"; value: string; placeholder: string; maxLength: number }
  | { kind: "date"; value: string | null }
  /** `max` 1: pick one; more: pick up to `max`. */
  | { kind: "choice"; options: Choice[]; chosen: string[]; max: number; placeholder: string }
  /**
   * A person, searched for: the platform asks `ChatPort.findPeople` with `source` and what was typed
   * (Slack's options load, Teams' Data.Query); the web chat shows `matches` and a search field.
   */
  | { kind: "person"; chosen: Choice | null; source: string; placeholder: string; matches: Choice[] }
  | { kind: "toggle"; on: boolean }
  /** A line of text between fields (a measure's number). */
  | { kind: "label" }
);

/** What a form sent back: each field's value by its id (a choice of several: a list). */
export type FormValues = Record<string, string | string[]>;

export interface BotMessage {
  /** Stable for the life of the conversation piece it shows, so it can be updated in place. */
  ref: string;
  blocks: Block[];
  /** One plain line for notifications and screen readers. */
  summary: string;
}

/** What the bot answers to a command: replace the message that was tapped, and/or post new ones. */
export interface BotReply {
  update?: BotMessage;
  post?: BotMessage[];
  /** A form sent with mistakes: what is wrong, by field id (Slack shows them under its fields; `update` too). */
  invalid?: Record<string, string>;
  /**
   * The tapped message stays as it is: `post`'s first opens apart from the conversation where the platform
   * can (Slack's modal; Teams posts it as a new card).
   */
  modal?: boolean;
}

/** What comes with a tap: a comment field's text, or a form's fields. */
export interface ActInput {
  comment?: string;
  form?: FormValues;
}
