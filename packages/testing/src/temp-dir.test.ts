import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDir } from './temp-dir.js';

const fixture = fileURLToPath(new URL('./test-fixtures/temp-dir-run/', import.meta.url));
const vitestCli = join(dirname(createRequire(import.meta.url).resolve('vitest/package.json')), 'vitest.mjs');

describe('tempDir', () => {
  it('creates a fresh directory per call', async () => {
    const [first, second] = [await tempDir('exports'), await tempDir('exports')];
    expect(first).not.toBe(second);
    expect((await stat(first)).isDirectory()).toBe(true);
  });

  it('when a test run ends, then the directories its tests made are gone', async () => {
    const record = join(await tempDir('record'), 'made.json');
    const run = spawn(process.execPath, [vitestCli, 'run', '--root', fixture], {
      env: { ...process.env, TEMP_DIR_RECORD: record },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    for (const stream of [run.stdout, run.stderr])
      stream.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const [code] = (await once(run, 'exit')) as [number | null];
    expect(code, output).toBe(0);
    const made = JSON.parse(await readFile(record, 'utf8')) as string[];
    expect(made).toHaveLength(2);
    expect(made.filter((dir) => existsSync(dir))).toEqual([]);
  }, 60_000);
});
