/**
 * Everything a person can type to Pulsen, on every platform: the one parser
 * Slack's slash command, a Teams message and the web chat's text box share.
 * Words are accepted in nb, nn and en, with or without "/pulsen" or
 * "@Pulsen" in front (Teams sends the mention as <at>Pulsen</at>).
 */
export type ChatCommand =
  | { kind: "help" }
  | { kind: "status" }
  | { kind: "results" }
  | { kind: "dashboard" }
  /** `mention` is a channel the text names (Slack writes it as <#C0123|name>); else the channel typed in. */
  | { kind: "channel"; mention: { channel: string; label: string } | null; unit: string | undefined }
  | { kind: "unknown"; word: string };

/** The words of each command. The first is what help shows in that language (see the catalogs). */
export const COMMAND_WORDS = {
  help: ["help", "hjelp", "hjelpa", "hjelpen", "?"],
  status: ["status", "stoda", "statusen"],
  results: ["results", "resultater", "resultat", "resultata", "resultatene"],
  dashboard: ["dashboard", "oversikt", "oversikta", "oversikten", "dashbord"],
  channel: ["channel", "kanal", "kanalen"],
} as const satisfies Record<Exclude<ChatCommand["kind"], "unknown">, readonly string[]>;

type Word = Exclude<ChatCommand["kind"], "unknown">;
const BY_WORD = new Map<string, Word>(
  (Object.entries(COMMAND_WORDS) as [Word, readonly string[]][]).flatMap(([kind, words]) =>
    words.map((w) => [w, kind] as const),
  ),
);

// Slack's escaped channel: <#C0123ABCDE|name> or <#C0123ABCDE>.
const SLACK_CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|([^>]*))?>\s*(.*)$/s;

/** Drops what platforms put around a command: mentions of the bot and the slash command itself. */
function stripPrefix(text: string): string {
  return text
    .replace(/<at>[^<]*<\/at>/gi, " ")
    .trim()
    .replace(/^(?:\/pulsen|@pulsen|pulsen)(?=\s|$|[,:])[,:]?/i, "")
    .trim();
}

export function parseCommand(raw: string): ChatCommand {
  const text = stripPrefix(raw.slice(0, 2000));
  const m = /^(\S*)\s*(.*)$/s.exec(text);
  // "status?", "hjelp!": the word without what a sentence puts after it.
  const word = (m?.[1] ?? "").toLowerCase().replace(/[?!.,:;]+$/, "");
  const rest = (m?.[2] ?? "").trim();
  if (word === "") return { kind: "help" };
  const kind = BY_WORD.get(word);
  switch (kind) {
    case undefined:
      return { kind: "unknown", word: word.slice(0, 40) };
    case "help":
    case "status":
    case "results":
    case "dashboard":
      return { kind };
    case "channel": {
      const c = SLACK_CHANNEL.exec(rest);
      if (c) {
        const unit = c[3]?.trim();
        return { kind, mention: { channel: c[1]!, label: `#${c[2] || c[1]}` }, unit: unit || undefined };
      }
      return { kind, mention: null, unit: rest || undefined };
    }
  }
}
