import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasChromium, launchChromium, tryApiDocs } from '@scontrino/testing/chromium';
import { startTestReceiptService, type TestReceiptService } from '../../test-support/receipt-service.js';

let service: TestReceiptService;
beforeAll(async () => {
  service = await startTestReceiptService();
});
afterAll(() => service.close());

interface Operation {
  description?: string;
  parameters?: { name: string; in: string; required: boolean }[];
  responses: Record<string, { headers?: Record<string, unknown> }>;
}
interface OpenApi {
  openapi: string;
  jsonSchemaDialect?: string;
  servers: { url: string }[];
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, { oneOf?: unknown[] }> };
}

const documentOf = async () => (await (await fetch(`${service.url}/openapi.json`)).json()) as OpenApi;

describe('API documentation', () => {
  it('describes every REST route the service answers, and nothing it does not', async () => {
    const document = await documentOf();
    const described = Object.entries(document.paths)
      .flatMap(([path, operations]) => Object.keys(operations).map((method) => `${method} ${path}`))
      .sort();
    const answered = service.restRoutes
      .filter((route) => !route.path.startsWith('/docs'))
      .map((route) => `${route.method} ${route.path}`);
    expect(described).toEqual([...new Set(answered)].sort());
    expect(described).toEqual(
      expect.arrayContaining([
        'post /v1/transactions',
        'post /c/{code}',
        'get /v1/audit/export',
        'get /readyz',
      ]),
    );
  });

  it('lists every answer of POST /v1/transactions, 429 and 503 included, with the contract schema', async () => {
    const document = await documentOf();
    expect(document.openapi).toBe('3.1.0');
    expect(document).not.toHaveProperty('jsonSchemaDialect');
    const post = document.paths['/v1/transactions']?.post;
    expect(Object.keys(post?.responses ?? {}).sort()).toEqual(
      ['201', '400', '401', '403', '409', '413', '415', '422', '429', '500', '503'].sort(),
    );
    expect(post?.responses['429']?.headers).toHaveProperty('Retry-After');
    // The contract's rules are in the document itself: a till vendor needs nothing else.
    expect(post?.description).toMatch(/minor units[\s\S]*1\. `line\.total[\s\S]*8\. no control characters/);
    expect(post?.parameters).toContainEqual(
      expect.objectContaining({ name: 'Idempotency-Key', in: 'header', required: true }),
    );
    expect(document.components.schemas.PosTransaction?.oneOf).toHaveLength(2);
    expect(document.paths['/c/{code}']?.post?.responses).toHaveProperty('429');
  });

  it('names the address it was read from first, so "Try it out" stays on that host', async () => {
    const { servers } = await documentOf();
    expect(servers.map((server) => server.url)).toEqual(['/', 'https://receipts.example.test']);
  });

  it('serves the Swagger UI under /docs/, configured with this document', async () => {
    const redirect = await fetch(`${service.url}/docs`, { redirect: 'manual' });
    expect([redirect.status, redirect.headers.get('location')]).toEqual([301, '/docs/']);
    const ui = await fetch(`${service.url}/docs/`);
    expect(await ui.text()).toContain('swagger-ui-bundle.js');
    expect(ui.headers.get('content-security-policy')).toContain("connect-src 'self'");
    expect(ui.headers.get('content-security-policy')).not.toContain('upgrade-insecure-requests');
    expect(await (await fetch(`${service.url}/docs/swagger-initializer.js`)).text()).toContain(
      "url: '/openapi.json'",
    );
  });

  it.skipIf(!hasChromium)(
    'works in a browser from 127.0.0.1 and from localhost: no warning, "Try it out" reaches the service',
    async () => {
      const browser = await launchChromium();
      try {
        const port = new URL(service.url).port;
        for (const origin of [`http://127.0.0.1:${port}`, `http://localhost:${port}`]) {
          const visit = await tryApiDocs(browser, origin, {
            method: 'post',
            path: '/v1/transactions',
            parameters: { 'Idempotency-Key': randomUUID() },
          });
          expect(visit).toEqual({
            title: expect.stringContaining('receipt service') as unknown,
            banners: [],
            problems: [],
            status: '401',
          });
        }
      } finally {
        await browser.close();
      }
    },
    120_000,
  );
});
