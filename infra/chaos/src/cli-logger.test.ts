import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it, vi } from 'vitest';
import { chaosLogger } from './cli-logger.js';
import { parseOptions } from './options.js';

describe('the service log of a chaos run', () => {
  it('keeps what the services said in the file named by --service-log, and the run lines on the console', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'chaos-log-'));
    const file = join(dir, 'services.log');
    const options = parseOptions(['--minutes', '1', '--service-log', file]);
    if (options === 'help') throw new Error('expected options');
    const console = vi.spyOn(globalThis.console, 'error').mockImplementation(() => undefined);
    try {
      const logger = chaosLogger(options.serviceLog);
      logger.info('[receipt] {"level":50,"msg":"sale not stored"}');
      logger.info('chaos: kill-receipt (1449 ms)');
      await sleep(50);

      expect(await readFile(file, 'utf8')).toBe('[receipt] {"level":50,"msg":"sale not stored"}\n');
      expect(console.mock.calls.map(([line]) => String(line))).toEqual([
        expect.stringContaining('info  chaos: kill-receipt (1449 ms)'),
      ]);
    } finally {
      console.mockRestore();
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('is dropped when no file is named', () => {
    const options = parseOptions(['--minutes', '1']);

    expect(options).not.toBe('help');
    expect(options).not.toHaveProperty('serviceLog');
  });
});
