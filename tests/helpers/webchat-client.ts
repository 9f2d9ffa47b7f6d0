import type { BotAction } from "../../src/bot/message";

export interface ChatButton {
  label: string;
  raw: string;
  action: BotAction;
}

export interface ChatMessage {
  id: number;
  html: string;
  text: string;
  buttons: ChatButton[];
  hasCommentField: boolean;
}

const unescapeHtml = (s: string) =>
  s
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The messages of a web chat page (/chat or a personal link's), as a person sees them. */
export function parseMessages(html: string): ChatMessage[] {
  return [...html.matchAll(/<article class="msg" id="m(\d+)"[^>]*>([\s\S]*?)<\/article>/g)].map((m) => {
    const body = m[2] ?? "";
    const buttons = [...body.matchAll(/<button[^>]*name="action" value="([^"]*)"[^>]*>([\s\S]*?)<\/button>/g)].map(
      (b) => {
        const raw = unescapeHtml(b[1] ?? "");
        return { label: unescapeHtml(b[2] ?? ""), raw, action: JSON.parse(raw) as BotAction };
      },
    );
    return {
      id: Number(m[1]),
      html: body,
      text: unescapeHtml(body.replace(/<[^>]+>/g, " "))
        .replace(/\s+/g, " ")
        .trim(),
      buttons,
      hasCommentField: body.includes('name="comment"'),
    };
  });
}

/** Reads /chat pages the way a person would see them: messages, their text and their buttons. */
export class WebchatClient {
  constructor(
    private readonly base: string,
    /** Runs before each tap: lets a test's clock pass the time a person takes to read. */
    private readonly beforeTap: () => void = () => undefined,
  ) {}

  async messages(personId: string): Promise<ChatMessage[]> {
    return parseMessages(await (await fetch(`${this.base}/chat/${personId}`)).text());
  }

  async last(personId: string): Promise<ChatMessage> {
    const all = await this.messages(personId);
    const m = all[all.length - 1];
    if (!m) throw new Error("no messages");
    return m;
  }

  /** Taps a button (or sends a raw, possibly forged, action) on a message. */
  async tap(personId: string, messageId: number, action: string, comment?: string): Promise<Response> {
    this.beforeTap();
    const body = new URLSearchParams({ message: String(messageId), action });
    if (comment !== undefined) body.set("comment", comment);
    return fetch(`${this.base}/chat/${personId}/act`, { method: "POST", body, redirect: "manual" });
  }
}
