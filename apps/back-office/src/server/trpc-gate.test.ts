import { describe, expect, it } from 'vitest';
import { trpcGateVerdict } from './trpc-gate.js';

describe('the back office gate', () => {
  it('forwards a receipt service procedure or batch, and nothing else', () => {
    expect(trpcGateVerdict('/trpc/receipt/kpis.salesDaily?input=%7B%7D')).toEqual({ forward: 'receipt' });
    expect(trpcGateVerdict('/trpc/receipt/kpis.salesDaily,stores.get?batch=1')).toEqual({
      forward: 'receipt',
    });
    for (const target of [
      '/trpc/loyalty/members.me',
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
      '/trpc/receipt/..\\metrics',
      '/trpc/receipt//x',
      '/trpc/receipt/%zz',
    ])
      expect(trpcGateVerdict(target)).toMatchObject({ forward: null, status: 400 });
  });
});
