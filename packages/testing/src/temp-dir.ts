import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject } from 'vitest';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The run's directory for `tempDir()` (temp-root-setup.ts), removed when the run ends. */
    tempRoot: string;
  }
}

const created = new Set<string>();
let cleanupInstalled = false;

/** The test run's own directory (temp-root-setup.ts), when the tests run under our vitest configs. */
function runTempRoot(): string | undefined {
  try {
    return inject('tempRoot');
  } catch {
    // Not in a vitest worker.
    return undefined;
  }
}

/**
 * A fresh directory for a test's files, removed when the test run ends: inside the run's own
 * directory under our vitest configs (their global setup removes it), else under the OS temp dir,
 * removed when the process exits.
 */
export async function tempDir(label: string): Promise<string> {
  const prefix = `scontrino-${label.replace(/[^\w-]+/g, '_')}-`;
  const root = runTempRoot();
  if (root !== undefined) return mkdtemp(join(root, prefix));
  if (!cleanupInstalled) {
    cleanupInstalled = true;
    // Exit handlers must be synchronous.
    process.once('exit', () => {
      for (const dir of created) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = await mkdtemp(join(tmpdir(), prefix));
  created.add(dir);
  return dir;
}
