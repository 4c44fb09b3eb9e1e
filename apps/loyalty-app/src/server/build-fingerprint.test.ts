import { describe, expect, it as test } from 'vitest';
import { buildFingerprint, readBuildInputs } from './build-fingerprint.js';
import { APP_ROOT } from './vite-config.js';

const input = (path: string, content: string) => ({ path, content: Buffer.from(content) });
const inputs = [input('index.html', '<div id="root">'), input('src/app/main.tsx', 'render()')];
const settings = { tenantId: 'moda-rossi' };

describe('buildFingerprint', () => {
  test('when nothing changed (files listed in another order), then the fingerprint is the same', () => {
    expect(buildFingerprint([...inputs].reverse(), settings)).toBe(buildFingerprint(inputs, settings));
  });

  test('when a file changes, is added, or is renamed, then the fingerprint changes', () => {
    const before = buildFingerprint(inputs, settings);
    expect(buildFingerprint([inputs[0]!, input('src/app/main.tsx', 'render(app)')], settings)).not.toBe(
      before,
    );
    expect(buildFingerprint([...inputs, input('src/app/extra.ts', '')], settings)).not.toBe(before);
    expect(buildFingerprint([inputs[0]!, input('src/app/index.tsx', 'render()')], settings)).not.toBe(before);
  });

  test('when the build is for another tenant, then the fingerprint changes', () => {
    expect(buildFingerprint(inputs, { tenantId: 'altro' })).not.toBe(buildFingerprint(inputs, settings));
  });

  test('when content moves across the boundary of two files, then the fingerprint changes', () => {
    const a = [input('a', 'xy'), input('b', 'z')];
    const b = [input('a', 'x'), input('b', 'yz')];
    expect(buildFingerprint(a, settings)).not.toBe(buildFingerprint(b, settings));
  });
});

describe('readBuildInputs', () => {
  test('when the app is read from disk, then its page and sources count, its tests do not', async () => {
    const paths = (await readBuildInputs(APP_ROOT)).map((file) => file.path);
    expect(paths).toContain('index.html');
    expect(paths).toContain('src/app/main.tsx');
    expect(paths).toContain('src/server/vite-config.ts');
    expect(paths.filter((path) => path.endsWith('.test.ts'))).toEqual([]);
    expect(paths.filter((path) => path.startsWith('src/e2e/'))).toEqual([]);
  });
});
