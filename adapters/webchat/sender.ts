import { and, eq } from "drizzle-orm";
import type { Clock } from "../../src/core/clock";
import type { SurveyBot } from "../../src/bot/survey";
import type { Db } from "../../src/db/open";
import { webchatMessages } from "../../src/db/schema";
import type { Outbound, SendResult, Sender } from "../../src/jobs/sender";

/** Delivers outbox messages into the web chat's history, as a platform would. */
export class WebchatSender implements Sender {
  readonly platform = "webchat" as const;
  readonly limits = { platform: [], conversation: [] };

  constructor(
    private readonly db: Db,
    private readonly bot: SurveyBot,
    private readonly clock: Clock,
  ) {}

  async send(m: Outbound): Promise<SendResult> {
    if (m.recipient.kind !== "person") return { kind: "undeliverable", reason: "the web chat has no channels" };
    const message = this.bot.compose(m.intent, m.recipient.personId);
    if (message === null) return { kind: "undeliverable", reason: "nothing to show" };
    if (m.replaces !== null) {
      const id = Number(m.replaces);
      const r = this.db
        .update(webchatMessages)
        .set({ message })
        .where(and(eq(webchatMessages.id, id), eq(webchatMessages.personId, m.recipient.personId)))
        .run();
      return r.changes > 0 ? { kind: "sent", messageId: m.replaces } : { kind: "undeliverable", reason: "message not found" };
    }
    const row = this.db
      .insert(webchatMessages)
      .values({ personId: m.recipient.personId, message, outboxKey: m.key, createdAt: this.clock.now() })
      .onConflictDoNothing()
      .returning({ id: webchatMessages.id })
      .get();
    return { kind: "sent", messageId: String(row?.id ?? (await this.findSent(m))) };
  }

  async findSent(m: Outbound): Promise<string | null> {
    const row = this.db.select({ id: webchatMessages.id }).from(webchatMessages).where(eq(webchatMessages.outboxKey, m.key)).get();
    return row ? String(row.id) : null;
  }
}
