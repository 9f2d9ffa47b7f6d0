// Is dist/ what the sources would build now? The build records the size and mtime of every file it read
// (esbuild's metafile: our sources only, packages stay external); dist is current while all of them match.
// Checking is one small JSON read and about 180 stat calls (~1 ms), cheap enough for every `pulsen` start.
import { readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const STAMP = "dist/stamp.json";

function signature(root, file) {
  const s = statSync(join(root, file));
  return `${s.size}:${s.mtimeMs}`;
}

/** True when dist/<entry>.js exists and no file the build read has changed, moved or gone since. */
export function distIsCurrent(root, entry) {
  let stamp;
  try {
    stamp = JSON.parse(readFileSync(join(root, STAMP), "utf8"));
  } catch {
    return false;
  }
  if (!stamp.entries?.includes(entry)) return false;
  try {
    for (const [file, sig] of Object.entries(stamp.inputs)) if (signature(root, file) !== sig) return false;
  } catch {
    return false;
  }
  return true;
}

/** Written after the bundles, so a stamp never vouches for files not yet in place. */
export function writeStamp(root, entries, files) {
  const inputs = Object.fromEntries(files.map((f) => [f, signature(root, f)]));
  const path = join(root, STAMP);
  writeFileSync(`${path}.${process.pid}`, `${JSON.stringify({ entries, inputs }, null, 1)}\n`);
  renameSync(`${path}.${process.pid}`, path);
}
