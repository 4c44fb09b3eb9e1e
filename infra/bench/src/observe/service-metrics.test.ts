import { once } from 'node:events';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { queueBacklog, scrapeService, type ServiceScrape } from './service-metrics.js';

const scrape = (queues: ServiceScrape['queues']): ServiceScrape => ({
  db: {},
  redis: {},
  queues,
  tillSales: 0,
});

describe('queue backlog', () => {
  it('is the waiting and active jobs of the busiest queue, a queue two services report taken once', () => {
    const backlog = queueBacklog({
      receipt: scrape({
        'receipt-email': { waiting: 3, active: 1, delayed: 0 },
        'inbox:loyalty-service': { waiting: 7, active: 0, delayed: 0 },
      }),
      loyalty: scrape({ 'inbox:loyalty-service': { waiting: 7, active: 1, delayed: 0 } }),
      reconciliation: scrape({}),
    });
    expect(backlog).toBe(7 + 1);
  });

  it("counts a queue's delayed jobs only beyond those it holds idle (scheduled jobs are always delayed)", () => {
    const scrapes = {
      receipt: scrape({
        retention: { waiting: 0, active: 0, delayed: 1 },
        'receipt-email': { waiting: 0, active: 0, delayed: 2 },
      }),
      loyalty: scrape({ retention: { waiting: 0, active: 0, delayed: 1 } }),
      reconciliation: scrape({}),
    };
    expect(queueBacklog(scrapes, { retention: 1 })).toBe(2);
    expect(queueBacklog(scrapes, { retention: 1, 'receipt-email': 2 })).toBe(0);
    expect(queueBacklog(scrapes)).toBe(2);
  });
});

describe('scrapeService', () => {
  it("when a service's /metrics asks for the scrape token, then the bench presents it and reads the counters", async () => {
    const metricsToken = 'dev_metrics_0123456789abcdef0123456789abcdef';
    const server = createServer((req, res) => {
      if (req.headers.authorization !== `Bearer ${metricsToken}`) return void res.writeHead(401).end();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
      res.end(
        [
          'scontrino_db_commands_total{command="insert",collection="transactions"} 42',
          'scontrino_db_commands_total{command="find",collection="transactions"} 3',
          'scontrino_db_commands_total{command="find",collection="stores"} 5',
          'scontrino_db_commands_total{command="hello",collection=""} 7',
          '',
        ].join('\n'),
      );
    }).listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const scrape = await scrapeService({ name: 'receipt', url, pid: process.pid, metricsToken });
      expect(scrape.db).toEqual({
        'insert transactions': 42,
        'find transactions': 3,
        'find stores': 5,
        hello: 7,
      });
      await expect(
        scrapeService({ name: 'receipt', url, pid: process.pid, metricsToken: 'wrong' }),
      ).rejects.toThrow('receipt: GET /metrics answered 401');
    } finally {
      server.close();
    }
  });
});
