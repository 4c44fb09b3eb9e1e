import { describe, expect, it } from 'vitest';
import { trpcGateVerdict } from './trpc-gate.js';

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
});
