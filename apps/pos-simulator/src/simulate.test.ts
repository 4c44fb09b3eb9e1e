import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { examplePosSale } from '@scontrino/contracts';
import { mailSink, staffToken, uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultTrafficMix } from './generate/traffic-mix.js';
import type { RequestRecord } from './run/http.js';
import type { ClaimedReceipt } from './run/play.js';
import type { SimulationReport } from './run/report.js';
import { simulate } from './simulate.js';

const total = (counts: Record<string, number>) =>
  Object.values(counts).reduce((sum, count) => sum + count, 0);

describe('simulate against an in-process receipt service', () => {
  let service: TestReceiptService;
  let report: SimulationReport;
  const records: RequestRecord[] = [];
  const claims: ClaimedReceipt[] = [];
  const runId = uniqueName('r')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(-12);

  beforeAll(async () => {
    // The limit of one claim per address: the simulator's claims, made with the service token, must
    // not spend it, or the people sharing its address could not claim (the demo's printed claim page).
    service = await startTestReceiptService({ claimRateLimit: { windowMs: 15 * 60_000, limit: 1 } });
    report = await simulate({
      receiptUrl: service.url,
      serviceToken: TEST_SERVICE_TOKEN,
      staffToken: await staffToken({ sub: 'simulator', tenants: ['moda-rossi', 'mercato-esposito'] }),
      rate: 15,
      count: 30,
      seed: 'integration',
      runId,
      // Enough anonymous sales and claims with fresh addresses that 30 arrivals surely hold some.
      mix: {
        ...defaultTrafficMix,
        scenarios: { ...defaultTrafficMix.scenarios, anonymous_sale: 40, return: 15 },
        claimShare: 0.6,
        claimWithMemberEmail: 0,
      },
      onRequest: (record) => records.push(record),
      onClaimed: (claim) => claims.push(claim),
    });
  }, 60_000);

  afterAll(async () => {
    await service?.close();
  });

  it('when 30 arrivals are played without loyalty or web shop, then every sale and return is accepted', () => {
    expect(report.arrivals).toMatchObject({ due: 30, started: 30, dropped: 0, crashed: 0 });
    expect(report.arrivals.byScenario.redemption_sale).toBeUndefined();
    expect(report.arrivals.byScenario.online_order).toBeUndefined();
    const sales =
      (report.arrivals.byScenario.identified_sale ?? 0) + (report.arrivals.byScenario.anonymous_sale ?? 0);
    expect(report.requests.sale).toMatchObject({
      requests: sales,
      accepted: sales,
      rejected: {},
      failed: {},
    });
    const returns = report.arrivals.byScenario.return ?? 0;
    expect(returns).toBeGreaterThan(0);
    expect(report.requests.return).toMatchObject({ requests: returns, accepted: returns, failed: {} });
    expect(report.unexpectedFailures).toBe(0);
  });

  it('when the report is read, then its counts add up', () => {
    expect(total(report.arrivals.byScenario)).toBe(report.arrivals.started);
    for (const kind of Object.values(report.requests)) {
      expect(kind.accepted + total(kind.rejected) + total(kind.failed)).toBe(kind.requests);
      expect(kind.latencyMs?.p50).toBeLessThanOrEqual(kind.latencyMs?.p99 ?? 0);
      expect(kind.latencyMs?.p99).toBeLessThanOrEqual(kind.latencyMs?.max ?? 0);
    }
    expect(report.totals.requests).toBe(records.length);
    expect(report.totals.accepted).toBe(
      records.filter((record) => record.outcome.kind === 'accepted').length,
    );
    expect(report.totals.requests).toBe(
      report.totals.accepted + report.totals.rejected + report.totals.failed,
    );
  });

  it('when an anonymous sale is claimed on its claim page, then its receipt is mailed to the address given', async () => {
    expect(report.notes.claimed).toBeGreaterThan(0);
    expect(report.requests.claim?.accepted).toBe(report.notes.claimed);
    expect(claims).toHaveLength(report.notes.claimed ?? 0);
    const [claim] = claims;
    const mail = await mailSink.waitFor({ to: claim!.email });
    expect(mail.headers['x-scontrino-receipt']).toBe(claim!.receiptId);
  });

  it('when the simulator has claimed many receipts, then a person at its address may still claim one', async () => {
    expect(report.notes.claimed).toBeGreaterThan(1);
    const key = await service.terminal('MI-001', 'T99');
    const anonymous = { ...examplePosSale(), transactionId: `${runId}-PERSON`, terminalId: 'T99' };
    delete anonymous.customer;
    const res = await service.post(anonymous, { key });
    await expect(
      service.claim((res.body as { claimUrl: string }).claimUrl, `person-${runId}@example.test`),
    ).resolves.toBeUndefined();
  });
});

describe('the back-office setup', () => {
  let service: TestReceiptService;

  beforeAll(async () => {
    service = await startTestReceiptService();
  });

  afterAll(async () => {
    await service?.close();
  });

  it('when it is given the service token or a store manager’s token, then it stops before any traffic, saying why', async () => {
    const setUp = (token: string) =>
      simulate({
        receiptUrl: service.url,
        serviceToken: TEST_SERVICE_TOKEN,
        staffToken: token,
        rate: 1,
        count: 1,
        storeId: 'MI-001',
      });
    // The brand comes first: creating it is an administrator's call.
    await expect(setUp(TEST_SERVICE_TOKEN)).rejects.toThrow(/brand moda-rossi.*send a staff token/);
    const milan = await staffToken({ roles: ['store_manager'], tenants: ['moda-rossi'], stores: ['MI-001'] });
    await expect(setUp(milan)).rejects.toThrow(/tenants\.create needs the tenants\.manage permission/);
  });
});
