import type { Catalog } from "./types";

export const en: Catalog = {
  roundClosed: (on) => `Thank you for wanting to answer! This survey closed on ${on}, so answers can no longer be received. You will get a new invitation for the next round.`,
  roundNotOpen: "This survey has not opened yet.",
};
