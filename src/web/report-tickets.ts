import { randomBytes } from "node:crypto";
import type { Clock } from "../core/clock";
import type { Locale } from "../core/locale";

/** Long enough to open a new window; short enough that a copied address is soon worthless. */
const TICKET_TTL_MS = 2 * 60_000;

interface Ticket {
  personId: string;
  roundId: string;
  unitId: string;
  locale: Locale;
  expiresAt: number;
}

/**
 * One-time addresses for the printable action report. The Teams tab signs in
 * with a bearer token that a new window cannot carry (Teams' frame blocks
 * cookies), so the tab asks for a ticket through the API and opens the
 * report by URL: a real same-origin page whose stylesheet the CSP allows,
 * where a blob: page lost its styles. Kept in memory: a restart only means
 * pressing Print again.
 */
export class ReportTickets {
  private readonly tickets = new Map<string, Ticket>();

  constructor(private readonly clock: Clock) {}

  issue(t: Omit<Ticket, "expiresAt">): string {
    const now = this.clock.now().getTime();
    for (const [k, v] of this.tickets) if (v.expiresAt <= now) this.tickets.delete(k);
    const token = randomBytes(24).toString("base64url");
    this.tickets.set(token, { ...t, expiresAt: now + TICKET_TTL_MS });
    return token;
  }

  /** The ticket's request, once; null when unknown, used or expired. */
  redeem(token: string): Omit<Ticket, "expiresAt"> | null {
    const t = this.tickets.get(token);
    this.tickets.delete(token);
    if (t === undefined || t.expiresAt <= this.clock.now().getTime()) return null;
    const { expiresAt: _, ...rest } = t;
    return rest;
  }
}
