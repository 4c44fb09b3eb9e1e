import { describe, expect, it } from 'vitest';
import { queueBacklog, type ServiceScrape } from './service-metrics.js';

const scrape = (queues: ServiceScrape['queues']): ServiceScrape => ({
  db: {},
  redis: {},
  queues,
  tillSales: 0,
});

describe('queue backlog', () => {
  it('adds waiting and active jobs over the queues, a queue two services report counted once', () => {
    const backlog = queueBacklog({
      receipt: scrape({
        'receipt-email': { waiting: 3, active: 1, delayed: 0 },
        'inbox:loyalty-service': { waiting: 7, active: 0, delayed: 0 },
      }),
      loyalty: scrape({ 'inbox:loyalty-service': { waiting: 7, active: 1, delayed: 0 } }),
      reconciliation: scrape({}),
    });
    expect(backlog).toBe(3 + 1 + 7 + 1);
  });

  it('counts delayed jobs only beyond the idle baseline (scheduled jobs are always delayed)', () => {
    const scrapes = {
      receipt: scrape({
        retention: { waiting: 0, active: 0, delayed: 1 },
        'receipt-email': { waiting: 0, active: 0, delayed: 2 },
      }),
      loyalty: scrape({ retention: { waiting: 0, active: 0, delayed: 1 } }),
      reconciliation: scrape({}),
    };
    expect(queueBacklog(scrapes, 1)).toBe(2);
    expect(queueBacklog(scrapes, 5)).toBe(0);
  });
});
