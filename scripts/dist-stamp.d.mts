/** Types for dist-stamp.mjs (plain JavaScript, so bin/pulsen.mjs can use it without tsx). */
export function distIsCurrent(root: string, entry: string): boolean;
export function writeStamp(root: string, entries: string[], files: string[]): void;
