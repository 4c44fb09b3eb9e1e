import { hasChromium, launchChromium, tryApiDocs } from '@scontrino/testing/chromium';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestLoyaltyService, type TestLoyaltyService } from '../../test-support/loyalty-service.js';

let loyalty: TestLoyaltyService;
beforeAll(async () => {
  loyalty = await startTestLoyaltyService();
});
afterAll(() => loyalty.close());

interface OpenApi {
  paths: Record<string, Record<string, { responses: Record<string, unknown> }>>;
}

describe('API documentation of the loyalty service', () => {
  it('describes every REST route it answers, redemptions and the audit export with their errors', async () => {
    const document = (await (await fetch(`${loyalty.url}/openapi.json`)).json()) as OpenApi;
    const described = Object.entries(document.paths).flatMap(([path, operations]) =>
      Object.keys(operations).map((method) => `${method} ${path}`),
    );
    const answered = loyalty.restRoutes
      .filter((route) => !route.path.startsWith('/docs'))
      .map((route) => `${route.method} ${route.path}`);
    expect(described.sort()).toEqual([...new Set(answered)].sort());
    expect(Object.keys(document.paths['/v1/redemptions/hold']?.post?.responses ?? {}).sort()).toEqual(
      ['201', '400', '401', '403', '404', '409', '413', '422', '500', '503'].sort(),
    );
    expect((await fetch(`${loyalty.url}/docs/`)).status).toBe(200);
  });

  it.skipIf(!hasChromium)(
    'works in a browser from 127.0.0.1 and from localhost: no error banner, "Try it out" reaches the service',
    async () => {
      const browser = await launchChromium();
      try {
        const port = new URL(loyalty.url).port;
        for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`])
          expect(
            await tryApiDocs(browser, origin, { method: 'post', path: '/v1/redemptions/quote' }),
          ).toEqual({
            title: expect.stringContaining('loyalty service') as unknown,
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
