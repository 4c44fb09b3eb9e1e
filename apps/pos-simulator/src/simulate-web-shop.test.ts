import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTrafficMix } from './generate/traffic-mix.js';
import type { SimulationReport } from './run/report.js';
import { simulate } from './simulate.js';

interface Received {
  path: string | undefined;
  authorization: string | undefined;
  body: { tenantId: string; orderId: string; total: number; lines: { total: number }[] };
}

/** Stands in for the reconciliation service's `POST /v1/online-orders`: 202 to everything, kept for the test. */
async function startWebShopSink(received: Received[]): Promise<Server> {
  const server = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => {
      received.push({
        path: req.url,
        authorization: req.headers.authorization,
        body: JSON.parse(text) as Received['body'],
      });
      res.writeHead(202, { 'content-type': 'application/json' }).end('{"status":"accepted"}');
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return server;
}

describe('simulate with a web shop', () => {
  let receipts: TestReceiptService;
  let sink: Server;
  let report: SimulationReport;
  const received: Received[] = [];

  beforeAll(async () => {
    receipts = await startTestReceiptService();
    sink = await startWebShopSink(received);
    report = await simulate({
      receiptUrl: receipts.url,
      reconciliationUrl: `http://127.0.0.1:${(sink.address() as AddressInfo).port}`,
      serviceToken: TEST_SERVICE_TOKEN,
      staffToken: await staffToken({ sub: 'simulator' }),
      rate: 20,
      count: 12,
      seed: 'web',
      mix: { ...defaultTrafficMix, scenarios: { ...defaultTrafficMix.scenarios, online_order: 200 } },
    });
  }, 60_000);

  afterAll(async () => {
    sink?.close();
    await receipts?.close();
  });

  it("when web-shop orders are played, then each reaches the reconciliation API with its brand's shop key", async () => {
    const orders = report.arrivals.byScenario.online_order ?? 0;
    expect(orders).toBeGreaterThan(0);
    expect(report.requests.online_order).toMatchObject({ requests: orders, accepted: orders });
    expect(received).toHaveLength(orders);
    // One key per brand's web shop, issued by the simulator as the brand's administrator.
    const keyIds = new Map<string, string>();
    for (const tenantId of new Set(received.map((order) => order.body.tenantId))) {
      const { keys } = await receipts.trpc.shops.listKeys.query({ tenantId });
      expect(keys.map((key) => [key.shopId, key.revokedAt])).toEqual([[`${tenantId}-web`, null]]);
      keyIds.set(tenantId, keys[0]?.keyId ?? '');
    }
    for (const order of received) {
      expect(order.path).toBe('/v1/online-orders');
      expect(order.authorization).toMatch(
        new RegExp(`^Bearer sk_shop_${keyIds.get(order.body.tenantId)}_[a-z2-7]{52}$`),
      );
      expect(order.authorization).not.toContain(TEST_SERVICE_TOKEN);
      expect(order.body.total).toBe(order.body.lines.reduce((total, line) => total + line.total, 0));
    }
    expect(new Set(received.map((order) => order.body.orderId)).size).toBe(orders);
  });
});
