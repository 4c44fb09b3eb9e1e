import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestReceiptService, type TestReceiptService } from '../../test-support/receipt-service.js';
import { hasChromium, launchChromium } from '../../test-support/chromium.js';

let service: TestReceiptService;
beforeAll(async () => {
  service = await startTestReceiptService();
});
afterAll(() => service.close());

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    {
      post: {
        parameters: { name: string; in: string; required: boolean }[];
        responses: Record<string, unknown>;
      };
    }
  >;
  components: { schemas: Record<string, { oneOf?: unknown[] }> };
}

describe('API documentation', () => {
  it('serves an OpenAPI 3.1 document of POST /v1/transactions with every status and the contract schema', async () => {
    const res = await fetch(`${service.url}/openapi.json`);
    expect(res.status).toBe(200);
    const document = (await res.json()) as OpenApi;
    expect(document.openapi).toBe('3.1.0');
    const post = document.paths['/v1/transactions']?.post;
    expect(Object.keys(post?.responses ?? {}).sort()).toEqual([
      '201',
      '400',
      '401',
      '403',
      '409',
      '413',
      '415',
      '422',
    ]);
    expect(post?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
    expect(document.components.schemas.PosTransaction?.oneOf).toHaveLength(2);
    expect(document.components.schemas).toHaveProperty('RecordedReceipt');
  });

  it('serves the Swagger UI under /docs/, configured with this document', async () => {
    const redirect = await fetch(`${service.url}/docs`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/docs/']);
    expect(await (await fetch(`${service.url}/docs/`)).text()).toContain('swagger-ui-bundle.js');
    expect(await (await fetch(`${service.url}/docs/swagger-initializer.js`)).text()).toContain(
      "url: '/openapi.json'",
    );
  });

  it.skipIf(!hasChromium)('renders the operations in a browser, under the service’s CSP', async () => {
    const browser = await launchChromium();
    try {
      const page = await browser.newPage();
      const violations: string[] = [];
      page.on('console', (message) => {
        if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
      });
      await page.goto(`${service.url}/docs/`);
      await page
        .locator('.opblock-summary-path', { hasText: '/v1/transactions' })
        .waitFor({ timeout: 15_000 });
      expect(await page.locator('.info .title').textContent()).toContain('POS API');
      expect(violations).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
