import { rmSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const created = new Set<string>();
let cleanupInstalled = false;

/** A fresh directory under the OS temp dir, removed when the test process exits. */
export async function tempDir(label: string): Promise<string> {
  if (!cleanupInstalled) {
    cleanupInstalled = true;
    // Exit handlers must be synchronous.
    process.once('exit', () => {
      for (const dir of created) rmSync(dir, { recursive: true, force: true });
    });
  }
  const dir = await mkdtemp(join(tmpdir(), `scontrino-${label.replace(/[^\w-]+/g, '_')}-`));
  created.add(dir);
  return dir;
}
