import { randomBytes, randomUUID } from 'node:crypto';
import {
  anonymousSale,
  returnOf,
  sale,
  startTestReceiptService,
  type TestReceiptService,
} from '@scontrino/receipt-service/testing';
import { demoStaff } from '@scontrino/stack';
import { type RunningDemoSignIn, startDemoSignIn } from '@scontrino/staff-access';
import { testStaffIssuer } from '@scontrino/testing';
import { type RunningBackOffice, startBackOffice } from '../server/serve.js';

/** The browser's clock: the seeded day, 22 November 2026, falls in the dashboard's default 30 days. */
export const BROWSER_NOW = new Date('2026-11-30T09:00:00Z');
export const CLIENT_ID = 'scontrino-back-office';

export interface BackOfficeStack {
  receipts: TestReceiptService;
  signIn: RunningDemoSignIn;
  app: RunningBackOffice;
  close(): Promise<void>;
}

/**
 * The receipt service in-process with a small history on 2026-11-22: at Milano Centro (MI-001)
 * a card sale e-mailed and in the app, an anonymous sale whose QR is claimed, another anonymous
 * one, a card sale on paper (each 154,91 €) and a return of 39,50 €; one anonymous sale at
 * Milano Porta Nuova (MI-002). In front: the demo sign-in (the test issuer, which the service
 * trusts, and the stack's demo staff) and the built back office.
 */
export async function startBackOfficeStack(): Promise<BackOfficeStack> {
  const receipts = await startTestReceiptService();
  const run = randomUUID().slice(0, 8);
  const post = async (body: unknown, storeId = 'MI-001') => {
    const key = await receipts.terminal(storeId, 'T03');
    const res = await receipts.post(body, { key });
    if (res.status !== 201) throw new Error(`the till was refused: ${JSON.stringify(res)}`);
    return res.body as { claimUrl?: string };
  };
  const a = sale(`A-${run}`);
  await post({
    ...a,
    customer: { ...a.customer, email: `a-${run}@example.test`, receiptDelivery: ['email', 'app'] },
  });
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

  const issuer = await testStaffIssuer();
  const signIn = await startDemoSignIn({ issuer, staff: demoStaff, clients: [] });
  const app = await startBackOffice({
    serviceUrls: { receipt: receipts.url },
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
    signIn,
    app,
    async close() {
      await app.close();
      await signIn.close();
      await receipts.close();
    },
  };
}
