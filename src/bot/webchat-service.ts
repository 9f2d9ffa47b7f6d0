import type { PersonId } from "../core/ids";
import { isLocale, type Locale } from "../core/locale";
import { listInstruments } from "../db/instrument-store";
import type { Db } from "../db/open";
import { getOrganization } from "../db/org-store";
import type { WebchatStore } from "../db/webchat-store";
import { catalogs } from "./catalog";
import type { BotMessage } from "./message";
import type { WebchatEntry, WebchatPort } from "./port";
import { commentMessage, questionMessage } from "./survey-messages";

/** The web chat's side of the port: its history, the demo's picker and HR's preview. */
export class WebchatService implements WebchatPort {
  constructor(
    private readonly db: Db,
    private readonly store: WebchatStore,
  ) {}

  people() {
    return { organization: getOrganization(this.db)?.name ?? "", people: this.store.activePeople() };
  }

  person(id: string) {
    return this.store.person(id);
  }

  history(personId: PersonId): WebchatEntry[] {
    return this.store.history(personId);
  }

  entry(personId: PersonId, id: number): WebchatEntry | null {
    return this.store.entry(personId, id);
  }

  append(personId: PersonId, message: BotMessage, outboxKey?: string): number | null {
    return this.store.append(personId, message, outboxKey);
  }

  replace(personId: PersonId, id: number, message: BotMessage): boolean {
    return this.store.replace(personId, id, message);
  }

  sentUnder(outboxKey: string): number | null {
    return this.store.sentUnder(outboxKey);
  }

  instruments() {
    return listInstruments(this.db).map(({ instrument: i }) => ({ id: i.id, name: i.name }));
  }

  /** The same message functions the live survey uses, so the preview is exactly what employees get. */
  preview(instrumentId: string, locale: Locale | undefined, step: number) {
    const stored = listInstruments(this.db).find((s) => s.instrument.id === instrumentId);
    if (stored === undefined) return null;
    const lang: Locale =
      locale !== undefined && isLocale(locale) ? locale : (getOrganization(this.db)?.defaultLocale ?? "nb");
    const inst = stored.instrument;
    const itemIds = inst.factors.flatMap((f) => f.items.map((i) => i.id));
    const at = Math.min(Math.max(Math.trunc(step) || 0, 0), itemIds.length);
    const view = { roundId: "preview", instrument: inst, locale: lang, t: catalogs[lang], itemIds };
    const message =
      at < itemIds.length
        ? questionMessage(view, itemIds[at]!, { answered: new Set(itemIds.slice(0, at)) })
        : commentMessage(view);
    return { message, step: at, steps: itemIds.length, locale: lang, name: inst.name[lang] };
  }
}
