import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { onTestFinished } from "vitest";

/** Folders made outside a test (in a beforeAll): removed when the worker exits. */
const lasting: string[] = [];
process.once("exit", () => {
  for (const d of lasting) rmSync(d, { recursive: true, force: true });
});

/**
 * A fresh temporary folder, removed when the test that asked for it finishes. The clean-up is registered
 * per call, not per file: the integration tests share modules across files (vitest's isolate: false).
 */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "pulsen-test-"));
  try {
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  } catch {
    lasting.push(dir);
  }
  return dir;
}
