import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, isNull, lt } from "drizzle-orm";
import type { Clock } from "../core/clock";
import { PulsenError } from "../core/errors";
import type { Db, Store } from "../db/open";
import { people, signInLinks, webSessions, type WebSessionRow } from "../db/schema";

/** A sign-in link is for the next few minutes, a dashboard session for a working day. */
export const LINK_TTL_MS = 15 * 60_000;
export const SESSION_TTL_MS = 12 * 3_600_000;
/** A print ticket is for the click that asked for it. */
const PRINT_TICKET_TTL_MS = 2 * 60_000;

const hash = (token: string) => createHash("sha256").update(token).digest("base64url");
const newToken = () => randomBytes(32).toString("base64url");

/**
 * Who is looking at the dashboard. Tokens are handed out once and stored
 * only as hashes; a deactivated or forgotten person's sessions stop working.
 */
export class Sessions {
  /**
   * One-time tickets for the printable report, by hash: the Teams tab's session is a bearer token, which a
   * page opened by navigation cannot carry. In memory: a ticket lives for one click, not across a restart.
   */
  private readonly printTickets = new Map<string, { personId: string; expiresAt: number }>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** A ticket that opens the printable report once, as this person, within two minutes. */
  createPrintTicket(personId: string): string {
    const now = this.clock.now().getTime();
    for (const [k, t] of this.printTickets) if (t.expiresAt <= now) this.printTickets.delete(k);
    const token = newToken();
    this.printTickets.set(hash(token), { personId, expiresAt: now + PRINT_TICKET_TTL_MS });
    return token;
  }

  /** The person a print ticket was made for; null if it is unknown, used or expired. */
  redeemPrintTicket(token: string): string | null {
    const key = hash(token);
    const t = this.printTickets.get(key);
    this.printTickets.delete(key);
    return t !== undefined && t.expiresAt > this.clock.now().getTime() ? t.personId : null;
  }

  /** A one-time sign-in link token for an active person. */
  createLink(personId: string): string {
    const now = this.clock.now();
    const token = newToken();
    this.db
      .insert(signInLinks)
      .values({ tokenHash: hash(token), personId, expiresAt: new Date(now.getTime() + LINK_TTL_MS), createdAt: now })
      .run();
    return token;
  }

  /** Trades a link token for a session token; a used, expired or unknown link is refused. */
  redeemLink(token: string): string {
    const now = this.clock.now();
    return this.db.transaction((tx) => {
      const link = tx
        .select()
        .from(signInLinks)
        .where(and(eq(signInLinks.tokenHash, hash(token)), isNull(signInLinks.usedAt), gt(signInLinks.expiresAt, now)))
        .get();
      if (link === undefined) throw new PulsenError("forbidden", { kind: "link_used_or_expired" });
      tx.update(signInLinks).set({ usedAt: now }).where(eq(signInLinks.tokenHash, link.tokenHash)).run();
      return this.insertSession(tx, link.personId, "link", now);
    });
  }

  create(personId: string, via: WebSessionRow["via"]): string {
    return this.insertSession(this.db, personId, via, this.clock.now());
  }

  private insertSession(store: Store, personId: string, via: WebSessionRow["via"], now: Date): string {
    const token = newToken();
    // Housekeeping rides along: expired rows are worthless.
    store.delete(webSessions).where(lt(webSessions.expiresAt, now)).run();
    store.delete(signInLinks).where(lt(signInLinks.expiresAt, now)).run();
    store
      .insert(webSessions)
      .values({
        tokenHash: hash(token),
        personId,
        via,
        expiresAt: new Date(now.getTime() + SESSION_TTL_MS),
        createdAt: now,
      })
      .run();
    return token;
  }

  /** The person behind a session token, if it is valid and they are still active. */
  personFor(token: string): string | null {
    const row = this.db
      .select({ personId: webSessions.personId })
      .from(webSessions)
      .innerJoin(people, eq(people.id, webSessions.personId))
      .where(
        and(
          eq(webSessions.tokenHash, hash(token)),
          gt(webSessions.expiresAt, this.clock.now()),
          eq(people.active, true),
        ),
      )
      .get();
    return row?.personId ?? null;
  }

  end(token: string): void {
    this.db
      .delete(webSessions)
      .where(eq(webSessions.tokenHash, hash(token)))
      .run();
  }
}
