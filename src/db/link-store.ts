import { createHash, randomBytes } from "node:crypto";
import { eq } from "drizzle-orm";
import type { Clock } from "../core/clock";
import type { Db } from "./open";
import { surveyLinks } from "./schema";

/** A link's token is a password: 256 random bits, kept only as its SHA-256. */
const hash = (token: string) => createHash("sha256").update(token).digest("base64url");

/** Tokens look like this; anything else is not looked up at all. */
const LINK_TOKEN = /^[A-Za-z0-9_-]{43}$/;

export class LinkStore {
  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  /** A new token for this person and round; each message gets its own (none is ever stored to resend). */
  mint(roundId: string, personId: string): string {
    const token = randomBytes(32).toString("base64url");
    this.db
      .insert(surveyLinks)
      .values({ tokenHash: hash(token), roundId, personId, createdAt: this.clock.now() })
      .run();
    return token;
  }

  /** Whose link this is, read only. */
  find(token: string): { roundId: string; personId: string } | null {
    if (!LINK_TOKEN.test(token)) return null;
    const row = this.db
      .select({ roundId: surveyLinks.roundId, personId: surveyLinks.personId })
      .from(surveyLinks)
      .where(eq(surveyLinks.tokenHash, hash(token)))
      .get();
    return row ?? null;
  }
}
