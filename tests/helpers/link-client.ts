import { type ChatMessage, parseMessages } from "./webchat-client";

/**
 * A person's phone opening a personal link, without a browser: it keeps the cookie Start sets and posts
 * the forms as a browser would (same-origin).
 */
export class LinkVisitor {
  readonly path: string;
  cookie: string | null = null;

  constructor(
    private readonly base: string,
    link: string,
    /** Runs before each tap: lets a test's clock pass the time a person takes to read. */
    private readonly beforeTap: () => void = () => undefined,
  ) {
    this.path = new URL(link).pathname;
  }

  get(suffix = "", headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${this.path}${suffix}`, {
      headers: { ...this.cookieHeader(), ...headers },
      redirect: "manual",
    });
  }

  post(suffix: string, body: URLSearchParams, headers: Record<string, string> = {}): Promise<Response> {
    return fetch(`${this.base}${this.path}${suffix}`, {
      method: "POST",
      body,
      headers: { "sec-fetch-site": "same-origin", ...this.cookieHeader(), ...headers },
      redirect: "manual",
    });
  }

  /** Presses Start (or Continue) on the landing page and keeps the cookie it sets. */
  async start(): Promise<Response> {
    const res = await this.post("", new URLSearchParams());
    const set = res.headers.get("set-cookie");
    if (set !== null) this.cookie = set.split(";")[0]!;
    return res;
  }

  async messages(): Promise<ChatMessage[]> {
    return parseMessages(await (await this.get("/chat")).text());
  }

  async last(): Promise<ChatMessage> {
    const all = await this.messages();
    const m = all[all.length - 1];
    if (!m) throw new Error("no messages");
    return m;
  }

  tap(messageId: number, action: string, comment?: string): Promise<Response> {
    this.beforeTap();
    const body = new URLSearchParams({ message: String(messageId), action });
    if (comment !== undefined) body.set("comment", comment);
    return this.post("/act", body);
  }

  private cookieHeader(): Record<string, string> {
    return this.cookie === null ? {} : { cookie: this.cookie };
  }
}
