import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
// For its declaration of what `tempRoot` holds.
import type {} from './temp-dir.js';

/**
 * One directory per test run that holds every `tempDir()` of its workers, removed when the run
 * ends. The run cleans up, not the workers: vitest ends its workers without their `exit`
 * handlers running, and a directory removed there was left in the OS temp dir for good.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const root = await mkdtemp(join(tmpdir(), 'scontrino-test-run-'));
  project.provide('tempRoot', root);
  return () => rm(root, { recursive: true, force: true });
}
