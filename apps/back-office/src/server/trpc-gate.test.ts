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
  'receipt',
  'loyalty',
  'receipt/',
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

describe('the back office gate', () => {
  it("forwards the pages' procedures of each service, alone or in a batch, and nothing else", () => {
    expect(trpcGateVerdict('/trpc/receipt/kpis.salesDaily?input=%7B%7D')).toEqual({ forward: 'receipt' });
    expect(trpcGateVerdict('/trpc/receipt/kpis.salesDaily,stores.get?batch=1')).toEqual({
      forward: 'receipt',
    });
    expect(trpcGateVerdict('/trpc/loyalty/members.ofCustomer?input=%7B%7D')).toEqual({ forward: 'loyalty' });
    expect(trpcGateVerdict('/trpc/reconciliation/profiles.get,profiles.explain?batch=1')).toEqual({
      forward: 'reconciliation',
    });
    for (const target of [
      '/trpc/loyalty/members.me',
      '/trpc/loyalty/auth.signIn',
      '/trpc/receipt/system.backlog',
      '/trpc/receipt/kpis.salesDaily,audit.export?batch=1',
      '/trpc/reconciliation/privacy.erase',
      '/trpc/reconciliation/profiles.list',
      '/trpc/members/ofCustomer',
      '/trpc/receipt',
      '/trpc/receipt/',
      '/trpc/receipt/a/b',
      '/trpcx',
    ])
      expect(trpcGateVerdict(target)).toMatchObject({ forward: null, status: 404 });
    for (const target of [
      '/trpc/receipt/../metrics',
      '/trpc/receipt/%2e%2e/metrics',
      '/trpc/receipt/..%2fmetrics',
      '/trpc/loyalty/%2e%2e/%2e%2e/metrics',
      '/trpc/reconciliation/profiles.get/..',
      '/trpc/receipt/..\\metrics',
      '/trpc/receipt//x',
      '/trpc/receipt/%zz',
    ])
      expect(trpcGateVerdict(target)).toMatchObject({ forward: null, status: 400 });
  });

  it('forwards a generated target only when it reaches one procedure of a service, unchanged by the proxy', () => {
    fc.assert(
      fc.property(target, (candidate) => {
        const verdict = trpcGateVerdict(candidate);
        if (verdict.forward === null) return;
        const resolved = new URL(candidate, 'http://base.invalid');
        expect(resolved.pathname).toBe(candidate.split('?')[0]);
        const segments = decodeURIComponent(resolved.pathname).split('/');
        expect(segments.slice(0, 3)).toEqual(['', 'trpc', verdict.forward]);
        expect(segments).toHaveLength(4);
        expect(['', '.', '..']).not.toContain(segments[3]);
        expect(segments[3]).toSatisfy((segment: string) =>
          [...segment].every((char) => char !== '\\' && char >= ' ' && char !== '\u007f'),
        );
      }),
      { numRuns: 2000 },
    );
  });
});
