/** Every user-facing sentence of the bot, one catalogue per locale. */
export interface Catalog {
  /** A tap or answer that arrives after the round closed. */
  roundClosed: (closedOn: string) => string;
  /** A tap on a round that has not opened yet. */
  roundNotOpen: string;
}
