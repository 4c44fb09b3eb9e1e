import { describe, expect, it } from 'vitest';
import { spawnChild } from './child-process.js';
import { silentLogger } from './logger.js';
import { isAlive } from './test-support.js';

const shell = (script: string) =>
  spawnChild({ name: 'sh', command: 'sh', args: ['-c', script], logger: silentLogger });

describe('spawnChild', () => {
  it('when the child prints a matching line, then waitForLine resolves with the match', async () => {
    const child = await shell('echo "ready on 4242"; sleep 30');
    const [, port] = await child.waitForLine(/ready on (\d+)/, 5_000);
    expect(port).toBe('4242');
    await child.stop();
  });

  it('when the child exits before it is ready, then the error carries its last output', async () => {
    const child = await shell('echo "bind: address in use" >&2; exit 3');
    await expect(child.waitForLine(/ready/, 5_000)).rejects.toThrow(
      /sh exited before it was ready \(code 3[\s\S]*bind: address in use/,
    );
  });

  it('when the child ignores SIGTERM, then stop kills it after the grace period', async () => {
    const child = await shell('trap "" TERM; echo trapped; while true; do sleep 1; done');
    await child.waitForLine(/trapped/, 5_000);
    await child.stop(200);
    expect(await child.exited).toMatchObject({ signal: 'SIGKILL' });
    expect(isAlive(child.pid)).toBe(false);
  });

  it('when the command does not exist, then spawning fails with its name', async () => {
    await expect(
      spawnChild({ name: 'ghost', command: 'scontrino-no-such-binary', args: [], logger: silentLogger }),
    ).rejects.toThrow(/ghost: cannot start scontrino-no-such-binary/);
  });
});
