import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { trpcGateVerdict } from './trpc-gate.js';

/** Request targets built from what path tricks are made of: dot segments, encoded slashes, backslashes, controls. */
const targetPiece = fc.constantFrom(
  '/',
  '//',
  '.',
  '..',
  '%2e',
  '%2E',
  '%2f',
  '%2F',
  '%5c',
  '\\',
  '%00',
  '%0a',
  '%zz',
  '%E0%A4%A',
  '#',
  '?',
  '&',
  ',',
  ';',
  'trpc',
  'me.summary',
  'metrics',
  'readyz',
  'x',
  '%20',
  'é',
  '%C3%A9',
  '\u0000',
  '\u202e',
);
const target = fc.array(targetPiece, { maxLength: 8 }).map((pieces) => `/trpc/${pieces.join('')}`);

describe('trpcGateVerdict', () => {
  it.each([
    '/trpc/me.summary',
    '/trpc/auth.requestCode',
    '/trpc/me.summary,me.receipts?batch=1&input=%7B%220%22%3A%7B%7D%7D',
    '/trpc/me.history?input=%7B%22cursor%22%3A%22..%2F..%2Fmetrics%22%7D',
    '/trpc/me.summary%2Cme.receipts?batch=1',
  ])('when the app asks for %s, then it is forwarded', (target) => {
    expect(trpcGateVerdict(target)).toEqual({ forward: true });
  });

  it.each([
    '/trpc/../metrics',
    '/trpc/%2e%2e/metrics',
    '/trpc/%2E%2E/metrics',
    '/trpc/.%2e/metrics',
    '/trpc/%2e./readyz',
    '/trpc/..%2fmetrics',
    '/trpc/%2e%2e%2Fmetrics',
    '/trpc/..%5cmetrics',
    '/trpc/..\\metrics',
    '/trpc/./me.summary',
    '/trpc/x/../me.summary',
    '/trpc//auth.requestCode',
    '/trpc/me.summary#/../../metrics',
    '/trpc/%00',
    '/trpc/%E0%A4%A',
  ])('when %s is asked for, then it is refused as a bad path (400)', (target) => {
    expect(trpcGateVerdict(target)).toMatchObject({ forward: false, status: 400 });
  });

  it.each([
    '/trpc',
    '/trpc/',
    '/trpcx',
    '/trpc-admin/metrics',
    '/trpc/x/auth.requestCode',
    '/trpc/me.summary/',
  ])('when %s is asked for, then it is not a procedure and is refused (404)', (target) => {
    expect(trpcGateVerdict(target)).toMatchObject({ forward: false, status: 404 });
  });

  it('when a target passes, then the proxy, which resolves it as a URL, sends it unchanged', () => {
    for (const target of ['/trpc/me.summary', '/trpc/a,b?batch=1&input=x']) {
      expect(trpcGateVerdict(target).forward).toBe(true);
      const resolved = new URL(target, 'http://base.invalid');
      expect(`${resolved.pathname}${resolved.search}`).toBe(target);
    }
  });

  it('forwards a generated target only when it reaches one procedure, unchanged by the proxy', () => {
    fc.assert(
      fc.property(target, (candidate) => {
        const verdict = trpcGateVerdict(candidate);
        if (!verdict.forward) return;
        const resolved = new URL(candidate, 'http://base.invalid');
        expect(resolved.pathname).toBe(candidate.split('?')[0]);
        const segments = decodeURIComponent(resolved.pathname).split('/');
        expect(segments).toHaveLength(3);
        expect(segments[1]).toBe('trpc');
        expect(['', '.', '..']).not.toContain(segments[2]);
        expect(segments[2]).toSatisfy((segment: string) =>
          [...segment].every((char) => char !== '\\' && char >= ' ' && char !== '\u007f'),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
