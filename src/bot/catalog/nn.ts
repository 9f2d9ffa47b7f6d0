import type { Catalog } from "./types";

export const nn: Catalog = {
  roundClosed: (on) => `Takk for at du ville svare! Denne undersøkinga vart avslutta ${on}, så svar kan ikkje lenger takast imot. Du får ein ny invitasjon ved neste runde.`,
  roundNotOpen: "Denne undersøkinga har ikkje opna enno.",
};
