import { describe, expect, it } from 'vitest';
import { queueBacklog, type ServiceScrape } from './service-metrics.js';

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
