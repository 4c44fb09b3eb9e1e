import { hasChromium, launchChromium, tryApiDocs } from '@scontrino/testing/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

let service: TestReconciliationService;
beforeAll(async () => {
  service = await startTestReconciliationService();
});
afterAll(() => service.close());

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

describe('API documentation of the reconciliation service', () => {
  it('describes every REST route it answers, web-shop orders and the audit export with their errors', async () => {
    const document = (await (await fetch(`${service.url}/openapi.json`)).json()) as OpenApi;
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const answered = service.restRoutes
      .filter((route) => !route.path.startsWith('/docs'))
      .map((route) => `${route.method} ${route.path}`);
    expect(described.sort()).toEqual([...new Set(answered)].sort());
    expect(Object.keys(document.paths['/v1/online-orders']?.post?.responses ?? {}).sort()).toEqual(
      ['202', '400', '401', '403', '413', '422', '500'].sort(),
    );
    expect((await fetch(`${service.url}/docs/`)).status).toBe(200);
  });

  it.skipIf(!hasChromium)(
    'works in a browser from 127.0.0.1 and from localhost: no error banner, "Try it out" reaches the service',
    async () => {
      const browser = await launchChromium();
      try {
        const port = new URL(service.url).port;
        for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`])
          expect(await tryApiDocs(browser, origin, { method: 'post', path: '/v1/online-orders' })).toEqual({
            title: expect.stringContaining('reconciliation service') as unknown,
            banners: [],
            problems: [],
            status: '401',
          });
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
