import type { Catalog } from "./types";

export const nb: Catalog = {
  roundClosed: (on) => `Takk for at du ville svare! Denne undersøkelsen ble avsluttet ${on}, så svar kan ikke lenger tas imot. Du får en ny invitasjon ved neste runde.`,
  roundNotOpen: "Denne undersøkelsen har ikke åpnet ennå.",
};
