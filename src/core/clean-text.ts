/**
 * What Pulsen stores of a text a person typed or uploaded, without the
 * characters that change how other text around it is shown or read: NUL and
 * the other C0/C1 controls (a NUL cuts strings short in C-based readers and
 * terminals; ESC starts terminal escapes in `pulsen` output and logs) and the
 * bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E/F,
 * U+202A–E, U+2066–9), with which a name, a measure or a comment can show
 * reversed or disguised text ("Trojan Source") in the dashboard, a chat
 * message, an export or a digest. Nothing else is changed: letters, emoji and
 * joiners stay as typed.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point.
const ALWAYS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

/**
 * `multiline`: a comment, where newlines and tabs are the writer's layout (CR LF
 * and a lone CR become LF). Otherwise (names, unit names, measures, series
 * names, statements) tabs and line breaks become a space, as they would on screen.
 */
export function cleanText(text: string, o: { multiline?: boolean } = {}): string {
  const kept = text.replace(ALWAYS, "");
  return o.multiline ? kept.replace(/\r\n?/g, "\n") : kept.replace(/[\t\n\r]/g, " ");
}
