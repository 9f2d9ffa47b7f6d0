import { CSV_COLUMNS } from "../../src/core/org-import";

export const HEADER = CSV_COLUMNS.join(",");

/** A CSV file's text from a header and rows, joined with the given line ending. */
export function csv(rows: string[], eol = "\n"): string {
  return [HEADER, ...rows].join(eol) + eol;
}

export const SMALL_ORG = csv([
  "kari@seljord.example,Kari Nordmann,Seljord kommune,Seljord kommune,hr,U0KARI,,nb,Europe/Oslo",
  "ola@seljord.example,Ola Bråten,Seljord kommune > Helse og omsorg,Seljord kommune > Helse og omsorg,,U0OLA,,nn,",
  "aase@seljord.example,Åse Sæther,Seljord kommune > Helse og omsorg > Sykehjemmet,,union_rep;safety_rep,,,,",
  "per@seljord.example,Per Ødegård,Seljord kommune > Helse og omsorg > Sykehjemmet,,,,,en,America/New_York",
  '"siv@seljord.example","Løvås, Siv",Seljord kommune > Oppvekst,,,,,,',
]);
