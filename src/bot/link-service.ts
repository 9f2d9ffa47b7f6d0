import { eq } from "drizzle-orm";
import type { Clock } from "../core/clock";
import type { PersonId } from "../core/ids";
import { answerWindow } from "../core/round";
import type { LinkStore } from "../db/link-store";
import type { Db } from "../db/open";
import { personSettings } from "../db/person-settings";
import { invitations, people, rounds, series } from "../db/schema";
import { and } from "drizzle-orm";
import type { Locale } from "../core/locale";
import { catalogs, formatDateTime } from "./catalog";
import type { LinkPageTexts, LinkPort, LinkView, LinkWords } from "./port";

/** The bot's side of personal links: who a link is for, and whether their round still takes answers. */
export class LinkService implements LinkPort {
  constructor(
    private readonly db: Db,
    private readonly store: LinkStore,
    private readonly clock: Clock,
    private readonly publicUrl: string,
  ) {}

  mint(personId: PersonId, roundId: string): string | null {
    if (this.round(roundId, personId)?.open !== true) return null;
    return `${this.publicUrl}/l/${this.store.mint(roundId, personId)}`;
  }

  open(token: string): LinkView {
    const link = this.store.find(token);
    if (link === null) return { kind: "unknown" };
    const r = this.round(link.roundId, link.personId);
    // A forgotten or deactivated person's links stop working, as their sessions do.
    if (r === null) return { kind: "unknown" };
    const { locale, timezone } = personSettings(this.db, link.personId);
    if (!r.open) return { kind: "closed", locale, round: r.name };
    return {
      kind: "open",
      personId: link.personId as PersonId,
      roundId: link.roundId,
      locale,
      round: r.name,
      closesAt: r.closesAt,
      deadline: r.closesAt === null ? null : formatDateTime(r.closesAt, locale, timezone),
    };
  }

  words(locale: Locale): LinkWords {
    const t = catalogs[locale];
    return {
      personal: t.linkPersonal,
      fallback: t.linkFallback,
      signOff: t.mailSignOff,
      chatOnly: t.mailChatOnly,
      overview: t.dashboardOpen,
    };
  }

  texts(locale: Locale): LinkPageTexts {
    return catalogs[locale].linkPage;
  }

  /** The round as the person's invitation sees it; null when they were not invited or are no longer active. */
  private round(roundId: string, personId: string) {
    const row = this.db
      .select({ round: rounds, name: series.name, active: people.active })
      .from(invitations)
      .innerJoin(rounds, eq(rounds.id, invitations.roundId))
      .innerJoin(series, eq(series.id, rounds.seriesId))
      .innerJoin(people, eq(people.id, invitations.personId))
      .where(and(eq(invitations.roundId, roundId), eq(invitations.personId, personId)))
      .get();
    if (row === undefined || !row.active) return null;
    const open = answerWindow(row.round, this.clock.now()).open;
    return { open, name: row.name, closesAt: row.round.closesAt };
  }
}
