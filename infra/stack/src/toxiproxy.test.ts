import { spawnSync } from 'node:child_process';
import { chmod, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Logger } from './logger.js';
import { prepare } from './prepare.js';
import { scratchDir } from './test-support.js';
import { ensureToxiproxyBinary, TOXIPROXY_VERSION, toxiproxyBinaryPath } from './toxiproxy.js';

const saved = { XDG_CACHE_HOME: process.env.XDG_CACHE_HOME, PATH: process.env.PATH };
afterEach(() => {
  for (const [name, value] of Object.entries(saved))
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
});

function recordingLogger(lines: string[]): Logger {
  const write = (msg: string) => void lines.push(msg);
  return { debug: write, info: write, warn: write, error: write };
}

describe('Toxiproxy for pnpm chaos', () => {
  it('when the stack is prepared, then Toxiproxy is built once per machine and runs', async () => {
    const lines: string[] = [];
    await prepare(recordingLogger(lines));
    expect(lines).toContain(`Toxiproxy binary: ${toxiproxyBinaryPath()}`);
    const version = spawnSync(toxiproxyBinaryPath(), ['-version'], { encoding: 'utf8' });
    expect(`${version.stdout}${version.stderr}`).toContain('toxiproxy-server');
  });

  it('when the binary is in the cache, then it is used as it is, with no Go at hand', async () => {
    const cache = await scratchDir('toxiproxy-cache');
    try {
      process.env.XDG_CACHE_HOME = cache.path;
      process.env.PATH = '';
      const binary = join(cache.path, 'scontrino', `toxiproxy-${TOXIPROXY_VERSION}`);
      await mkdir(join(cache.path, 'scontrino'), { recursive: true });
      await writeFile(binary, '#!/bin/sh\n');
      await chmod(binary, 0o755);
      await expect(ensureToxiproxyBinary()).resolves.toBe(binary);
    } finally {
      await cache.remove();
    }
  });

  it('when it is not built and Go is missing, then the error says to install Go', async () => {
    const cache = await scratchDir('toxiproxy-empty');
    try {
      process.env.XDG_CACHE_HOME = cache.path;
      process.env.PATH = '';
      await expect(ensureToxiproxyBinary()).rejects.toThrow(/`go` .* is not on PATH/);
    } finally {
      await cache.remove();
    }
  });
});
