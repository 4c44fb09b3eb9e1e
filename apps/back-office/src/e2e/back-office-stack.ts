import { randomBytes, randomUUID } from 'node:crypto';
import { startTestLoyaltyService, type TestLoyaltyService } from '@scontrino/loyalty-service/testing';
import {
  anonymousSale,
  returnOf,
  sale,
  startTestReceiptService,
  testPlatformKeys,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '@scontrino/reconciliation-service/testing';
import { demoStaff } from '@scontrino/stack';
import { type RunningDemoSignIn, startDemoSignIn } from '@scontrino/staff-access';
import { testStaffIssuer, uniqueName } from '@scontrino/testing';
import { type RunningBackOffice, startBackOffice } from '../server/serve.js';

/** The browser's clock: the seeded day, 22 November 2026, falls in the dashboard's default 30 days. */
export const BROWSER_NOW = new Date('2026-11-30T09:00:00Z');
export const CLIENT_ID = 'scontrino-back-office';

export interface BackOfficeStack {
  receipts: TestReceiptService;
  loyalty: TestLoyaltyService;
  reconciliation: TestReconciliationService;
  /** Anna: card sales A and D, her e-mail on A; a member with 250 points; one profile. */
  customer: { email: string; card: string; profileId: string; memberId: string; saleA: string };
  /** Two e-mails one typo apart under one name: a suggestion in the review queue. */
  lookAlikes: { a: string; b: string; suggestionId: string };
  signIn: RunningDemoSignIn;
  app: RunningBackOffice;
  close(): Promise<void>;
}

/**
 * The three services in-process, sharing keys and a queue prefix (the receipt service's events
 * reach the others' inboxes), with a small history on 2026-11-22: at Milano Centro (MI-001) a
 * card sale e-mailed and in the app, an anonymous sale whose QR is claimed, another anonymous
 * one, a card sale on paper (each 154,91 €) and a return of 39,50 €; one anonymous sale at
 * Milano Porta Nuova (MI-002). The card's holder is a member (250 points by hand) and, once the
 * reconciliation service has linked her sales, one profile. In front: the demo sign-in (the test
 * issuer, which the services trust, and the stack's demo staff) and the built back office.
 */
export async function startBackOfficeStack(): Promise<BackOfficeStack> {
  const crypto = testPlatformKeys();
  const queuePrefix = uniqueName('office');
  const loyalty = await startTestLoyaltyService({ crypto, queuePrefix });
  const receipts = await startTestReceiptService({ crypto, queuePrefix });
  const reconciliation = await startTestReconciliationService({
    crypto,
    queuePrefix,
    // Segment exports ask the loyalty program for marketing consent.
    peers: { loyalty: { url: loyalty.url, serviceToken: loyalty.serviceToken } },
  });
  const run = randomUUID().slice(0, 8);
  const tenantId = 'moda-rossi';
  const email = `a-${run}@example.test`;
  const card = sale('x').customer?.loyaltyCardNumber ?? '';
  const { memberId } = await loyalty.trpc.members.enrol.mutate({
    tenantId,
    email,
    name: 'Anna Verdi',
    cardNumbers: [card],
    marketingConsent: { granted: true, source: 'till' },
  });
  await loyalty.staff.ledger.adjust.mutate({
    memberId,
    requestId: `welcome-${run}`,
    points: 250,
    reason: 'welcome',
  });
  const post = async (body: unknown, storeId = 'MI-001') => {
    const key = await receipts.terminal(storeId, 'T03');
    const res = await receipts.post(body, { key });
    if (res.status !== 201) throw new Error(`the till was refused: ${JSON.stringify(res)}`);
    return res.body as { claimUrl?: string };
  };
  const a = sale(`A-${run}`);
  await post({ ...a, customer: { ...a.customer, email, receiptDelivery: ['email', 'app'] } });
  const claimable = await post(anonymousSale(`B-${run}`));
  await post(anonymousSale(`C-${run}`));
  const d = sale(`D-${run}`);
  await post({
    ...d,
    customer: { loyaltyCardNumber: d.customer?.loyaltyCardNumber, receiptDelivery: ['paper'] },
  });
  await post(returnOf(a.transactionId, `R-${run}`, 'MI-001', 'T03'));
  await post(anonymousSale(`E-${run}`, 'MI-002'), 'MI-002');
  if (!claimable.claimUrl) throw new Error('an anonymous sale has a claim URL');
  await receipts.claim(claimable.claimUrl, `b-${run}@example.test`);
  const profileId = await linkedProfile(reconciliation, tenantId, email);
  // And the loyalty service has credited both card sales, so her balance holds still.
  await eventually(async () => {
    const { recentSales } = await loyalty.trpc.members.lookup.query({ tenantId, cardNumber: card });
    return recentSales.length >= 2;
  }, `the loyalty service did not credit ${card}'s sales`);

  const lookAlikes = await suggestedPair(reconciliation, tenantId, run);
  // The customers' facts and day counters, as the service computes them every few seconds.
  await reconciliation.customerFigures();

  const issuer = await testStaffIssuer();
  const signIn = await startDemoSignIn({ issuer, staff: demoStaff, clients: [] });
  const app = await startBackOffice({
    serviceUrls: { receipt: receipts.url, loyalty: loyalty.url, reconciliation: reconciliation.url },
    oidc: {
      issuer: issuer.config.issuer,
      clientId: CLIENT_ID,
      authorizationEndpoint: signIn.authorizationEndpoint,
      tokenEndpoint: signIn.tokenEndpoint,
    },
    sessionSecret: randomBytes(32).toString('base64url'),
    logLevel: 'silent',
  });
  signIn.addClient({ clientId: CLIENT_ID, redirectUris: [app.redirectUri] });
  return {
    receipts,
    loyalty,
    reconciliation,
    customer: { email, card, profileId, memberId, saleA: a.transactionId },
    lookAlikes,
    signIn,
    app,
    async close() {
      await app.close();
      await signIn.close();
      await reconciliation.close();
      await receipts.close();
      await loyalty.close();
    },
  };
}

/** The profile of the e-mail, once the reconciliation service has linked the sale naming it. */
async function linkedProfile(
  reconciliation: TestReconciliationService,
  tenantId: string,
  email: string,
): Promise<string> {
  let profileId: string | null = null;
  await eventually(async () => {
    const found = await reconciliation.staff.profiles.resolve.query({
      tenantId,
      type: 'email',
      value: email,
    });
    profileId = found?.profileId ?? null;
    return profileId !== null;
  }, `no profile for ${email}`);
  return profileId ?? '';
}

/** Carla Bianchi seen by the CRM twice, her e-mail's domain mistyped once: the model suggests the pair. */
async function suggestedPair(
  reconciliation: TestReconciliationService,
  tenantId: string,
  run: string,
): Promise<{ a: string; b: string; suggestionId: string }> {
  const a = `carla.bianchi.${run}@gmail.com`;
  const b = `carla.bianchi.${run}@gmial.com`;
  for (const [index, value] of [a, b].entries())
    await reconciliation.trpc.observations.identify.mutate({
      tenantId,
      source: 'crm',
      sourceId: `crm-${run}-${index}`,
      at: new Date(Date.UTC(2026, 10, 20, 9, index)).toISOString(),
      identifiers: [{ type: 'email', value }],
      name: index === 0 ? 'Carla Bianchi' : 'BIANCHI Carla',
    });
  let suggestionId = '';
  await eventually(async () => {
    const { suggestions } = await reconciliation.staff.suggestions.list.query({ tenantId });
    suggestionId = suggestions[0]?.suggestionId ?? '';
    return suggestionId !== '';
  }, `no suggestion for ${a} and ${b}`);
  return { a, b, suggestionId };
}

/** Polls `done` until it holds, for up to a minute (events cross queues and workers). */
async function eventually(done: () => Promise<boolean>, failure: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`${failure} within 60 s`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
