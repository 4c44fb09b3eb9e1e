import { describe, expect, it } from 'vitest';
import { trpcGateVerdict } from './trpc-gate.js';

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
});
