import {
  startTestReceiptService,
  TEST_SERVICE_TOKEN,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { documentCounts, staffToken, uniqueName } from '@scontrino/testing';
import { fuzzEndpoints, fuzzTimeout } from '@scontrino/testing/fuzz';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { issueSessionToken } from '../domain/auth/member-session.js';
import {
  startTestLoyaltyService,
  TEST_LOYALTY_METRICS_TOKEN,
  TEST_TENANT,
  testLoyaltyKeys,
  type TestLoyaltyService,
} from '../test-support/loyalty-service.js';

// Every REST operation of the OpenAPI document (redemptions at the till, the audit export) and
// every tRPC procedure (the app's, staff's, other services'), fuzzed from their schemas
// (docs/security.md#fuzzing-every-public-endpoint): no 5xx, no stack trace, each broken field named
// by its path, and a refused request stores nothing.

let loyalty: TestLoyaltyService;
/** Issues the till's terminal key that redemptions ask for, and answers me.receipts. */
let receipts: TestReceiptService;
let tillKey: string;
let member: { memberId: string; cardNumber: string; session: string };
beforeAll(async () => {
  const crypto = testLoyaltyKeys();
  const queuePrefix = uniqueName('loyalty_fuzz');
  receipts = await startTestReceiptService({ crypto, queuePrefix });
  loyalty = await startTestLoyaltyService({
    crypto,
    queuePrefix,
    receiptServiceUrl: receipts.url,
    receiptServiceToken: TEST_SERVICE_TOKEN,
    signInCodeIpLimit: { windowMs: 60_000, limit: 100_000 },
    signInAttemptIpLimit: { windowMs: 60_000, limit: 100_000 },
  });
  tillKey = await receipts.terminal('MI-001', 'T01', TEST_TENANT);
  const cardNumber = '2900000012345';
  const { memberId } = await loyalty.trpc.members.enrol.mutate({
    tenantId: TEST_TENANT,
    email: `${uniqueName('fuzz')}@example.test`,
    cardNumbers: [cardNumber],
    marketingConsent: { granted: false, source: 'app' },
  });
  const session = issueSessionToken(loyalty.loyalty.crypto.sessionKey, {
    memberId,
    tenantId: TEST_TENANT,
    expiresAt: new Date(Date.now() + 24 * 3600_000),
  });
  member = { memberId, cardNumber, session };
});
afterAll(async () => {
  await loyalty.close();
  await receipts.close();
});

const written = ['members', 'member_keys', 'sign_in_codes', 'sign_in_claims', 'holds', 'ledger_entries'];

describe('every public endpoint of the loyalty service', () => {
  it(
    'keeps its promises under inputs generated from its schemas',
    async () => {
      const admin = { authorization: `Bearer ${await staffToken()}` };
      const bearers: Record<string, string> = {
        terminalKey: tillKey,
        serviceToken: loyalty.serviceToken,
        metricsToken: TEST_LOYALTY_METRICS_TOKEN,
      };
      const report = await fuzzEndpoints({
        url: loyalty.url,
        procedures: loyalty.procedures,
        restCredentials: (schemes) => {
          const scheme = schemes.find((name) => bearers[name] !== undefined);
          return scheme ? { authorization: `Bearer ${bearers[scheme]}` } : admin;
        },
        trpcCredentials: (procedure) => {
          if (procedure.access.kind === 'service') return { authorization: `Bearer ${loyalty.serviceToken}` };
          if (procedure.access.kind === 'staff') return admin;
          // The app's procedures: a member's session (auth.* ignore it).
          return { authorization: `Bearer ${member.session}` };
        },
        known: {
          tenantId: [TEST_TENANT],
          memberId: [member.memberId],
          cardNumber: [member.cardNumber],
          storeId: ['MI-001'],
          terminalKey: [tillKey],
        },
        // Join and requestCode answer at once and enrol and mail after: the fuzz waits for the counts to settle.
        stored: () => documentCounts(loyalty.database, written),
        settleMs: 300,
      });
      console.info(
        `fuzz: ${report.endpoints} endpoints, ${report.cases} cases (${report.runs} each, seed ${report.seed})`,
      );
      expect(report.failures).toEqual([]);
    },
    fuzzTimeout(),
  );
});
