import { startTestLoyaltyService, type TestLoyaltyService } from '@scontrino/loyalty-service/testing';
import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { staffToken } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brands, memberPool } from './catalogue/index.js';
import { defaultTrafficMix } from './generate/traffic-mix.js';
import type { SimulationReport } from './run/report.js';
import { simulate } from './simulate.js';

const MEMBERS = 4;

describe('simulate with the loyalty service', () => {
  let receipts: TestReceiptService;
  let loyalty: TestLoyaltyService;
  let report: SimulationReport;

  beforeAll(async () => {
    receipts = await startTestReceiptService();
    // One stack, one service token: the simulator presents the same one everywhere.
    // Tills redeem with their terminal keys, which the loyalty service checks with the receipt service.
    loyalty = await startTestLoyaltyService({
      serviceToken: TEST_SERVICE_TOKEN,
      receiptServiceUrl: receipts.url,
    });
    const tenantId = brands.modaRossi.tenantId;
    for (const member of memberPool(tenantId, MEMBERS)) {
      const enrolled = await loyalty.trpc.members.enrol.mutate({
        tenantId,
        email: member.email,
        name: `${member.firstName} ${member.lastName}`,
        cardNumbers: [member.cardNumber],
        marketingConsent: { granted: false, source: 'till' },
      });
      // Earned points wait out the return window; a staff adjustment makes them spendable now.
      await loyalty.staff.ledger.adjust.mutate({
        memberId: enrolled.memberId,
        requestId: `simulator-test-${member.number}`,
        points: 500_000,
        reason: 'points to redeem in the simulator test',
      });
    }
    report = await simulate({
      receiptUrl: receipts.url,
      loyaltyUrl: loyalty.url,
      serviceToken: TEST_SERVICE_TOKEN,
      // An admin of the one brand it sells for is enough to set its stores and tills up.
      staffToken: await staffToken({ sub: 'simulator', tenants: [tenantId] }),
      rate: 10,
      count: 16,
      seed: 'loyalty',
      tenantId,
      membersPerBrand: MEMBERS,
      mix: {
        ...defaultTrafficMix,
        scenarios: { identified_sale: 1, anonymous_sale: 0, redemption_sale: 3, return: 0, online_order: 0 },
      },
    });
  }, 90_000);

  afterAll(async () => {
    await loyalty?.close();
    await receipts?.close();
  });

  it('when members redeem at the till, then each quote is held, the sale recorded with points and the hold captured', () => {
    const redemptions = report.arrivals.byScenario.redemption_sale ?? 0;
    expect(redemptions).toBeGreaterThan(0);
    expect(report.notes).toEqual({ redeemed: redemptions });
    expect(report.requests.loyalty_quote).toMatchObject({ requests: redemptions, accepted: redemptions });
    expect(report.requests.loyalty_hold).toMatchObject({ requests: redemptions, accepted: redemptions });
    expect(report.requests.loyalty_capture).toMatchObject({ requests: redemptions, accepted: redemptions });
    expect(report.requests.loyalty_void).toBeUndefined();
    expect(report.requests.sale).toMatchObject({ requests: 16, accepted: 16 });
    expect(report.unexpectedFailures).toBe(0);
  });
});
