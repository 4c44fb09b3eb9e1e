import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startTestLoyaltyService, testLoyaltyKeys } from '@scontrino/loyalty-service/testing';
import { startTestReconciliationService } from '@scontrino/reconciliation-service/testing';
import {
  decodeQrPng,
  startTestReceiptService,
  TEST_PUBLIC_URL,
  TEST_SERVICE_TOKEN,
} from '@scontrino/receipt-service/testing';
import { mailSink, uniqueName } from '@scontrino/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLoyaltyApp } from '../server/serve.js';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.js';
import { eventually } from './journey-stack.js';
import { tillReturn, tillSale } from './till-sale.js';

const outputDir = fileURLToPath(new URL('../../test-output/', import.meta.url));
const TENANT = 'moda-rossi';

/** One clock for the services and the browser, moved on as the customer's day goes by. */
let now = new Date('2026-11-22T09:20:00Z');
const clock = () => new Date(now);

type Services = {
  receipts: Awaited<ReturnType<typeof startTestReceiptService>>;
  loyalty: Awaited<ReturnType<typeof startTestLoyaltyService>>;
  reconciliation: Awaited<ReturnType<typeof startTestReconciliationService>>;
  app: Awaited<ReturnType<typeof startLoyaltyApp>>;
};
let services: Services;
let browser: Browser;
const cleanups: (() => Promise<unknown>)[] = [];

/** Intl separates thousands and currency with no-break spaces; the tests write plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').trim();

async function phonePage(): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: 'it-IT',
    timezoneId: 'Europe/Rome',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
  });
  cleanups.push(() => context.close());
  const page = await context.newPage();
  await page.clock.setFixedTime(now);
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  return { page, errors };
}

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'a customer across the till, the claim page, the mailbox, the loyalty app and the web shop'
    : `the customer journey: SKIPPED, ${CHROMIUM} is not installed`,
  () => {
    beforeAll(async () => {
      mkdirSync(outputDir, { recursive: true });
      const crypto = testLoyaltyKeys();
      const queuePrefix = uniqueName('journey');
      const receipts = await startTestReceiptService({ crypto, queuePrefix, clock });
      cleanups.push(() => receipts.close());
      const loyalty = await startTestLoyaltyService({
        crypto,
        queuePrefix,
        clock,
        receiptServiceUrl: receipts.url,
        receiptServiceToken: TEST_SERVICE_TOKEN,
      });
      cleanups.push(() => loyalty.close());
      const reconciliation = await startTestReconciliationService({ crypto, queuePrefix, clock });
      cleanups.push(() => reconciliation.close());
      const app = await startLoyaltyApp({ loyaltyUrl: loyalty.url, logLevel: 'silent' });
      cleanups.push(() => app.close());
      services = { receipts, loyalty, reconciliation, app };
      browser = await launchChromium();
      cleanups.push(() => browser.close());
    });
    afterAll(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });

    it('when an anonymous sale is claimed, the customer joins, orders online and returns a shirt elsewhere, then every service tells the same story', async () => {
      const { receipts, loyalty, reconciliation, app } = services;
      const email = `${uniqueName('chiara')}@example.test`;
      const local = (url: string) => url.replace(TEST_PUBLIC_URL, receipts.url);

      // 1. An anonymous sale at the Milan till: the slip carries a QR code.
      const sold = await receipts.post(tillSale(null), { key: await receipts.terminal('MI-001', 'T03') });
      expect(sold.status).toBe(201);
      const { claimUrl, receiptId } = sold.body as { claimUrl: string; receiptId: string };

      // 2. The customer's phone reads the QR code printed on the slip.
      const png = Buffer.from(await (await fetch(`${local(claimUrl)}/qr.png`)).arrayBuffer());
      const scanned = decodeQrPng(png);
      expect(scanned).toBe(claimUrl);

      // 3. It opens the claim page and claims the receipt with an e-mail address.
      const { page, errors } = await phonePage();
      await page.goto(local(scanned ?? ''));
      expect(await page.isChecked('input[name=marketing]')).toBe(false);
      await page.fill('input[name=email]', email);
      await page.screenshot({ path: `${outputDir}journey-1-claim-page.png`, fullPage: true });
      await page.click('button[type=submit]');
      expect(await page.textContent('h1')).toBe('Fatto!');

      // 4. The receipt arrives by e-mail.
      const receiptMail = await mailSink.waitFor({ to: email, subject: /Moda Rossi|scontrino|receipt/i });
      expect(plain(receiptMail.text)).toContain('154,91 €');
      await page.setContent(receiptMail.html ?? '');
      await page.screenshot({ path: `${outputDir}journey-2-receipt-email.png`, fullPage: true });

      // 5. The customer joins the programme in the app and signs in with the e-mailed code.
      await page.goto(app.url);
      await page.getByRole('button', { name: 'Non sei iscritto? Iscriviti al programma' }).click();
      await page.getByRole('textbox', { name: 'Email' }).fill(email);
      await page.getByLabel('Nome (facoltativo)').fill('Chiara Neri');
      await page.screenshot({ path: `${outputDir}journey-3-app-join.png`, fullPage: true });
      await page.getByRole('button', { name: 'Iscrivimi e invia il codice' }).click();
      await page.getByRole('heading', { name: 'Controlla la posta' }).waitFor();
      const codeMail = await mailSink.waitFor({ to: email, subject: /codice di accesso/ });
      await page.getByLabel('Codice di 6 cifre').fill(/\b(\d{6})\b/.exec(codeMail.text)?.[1] ?? '');
      await page.getByRole('button', { name: 'Accedi' }).click();

      // 6. The claimed sale's points are there, pending through the return window.
      await page.getByTestId('pending').waitFor();
      const emailHash = loyalty.loyalty.crypto.email(email)?.hash ?? '';
      const memberId = await loyalty.loyalty.store.members.findByKey(TENANT, 'email', emailHash);
      const earned = (await loyalty.loyalty.store.ledger.entriesOf(memberId ?? '')).find(
        (entry) => entry.kind === 'earn',
      );
      if (earned?.kind !== 'earn') throw new Error('the claimed sale earned nothing');
      expect(earned.pending).toBeGreaterThan(0);
      expect(plain(await page.getByTestId('pending').innerText())).toBe(`${earned.pending} punti`);
      await page.screenshot({ path: `${outputDir}journey-4-app-home.png`, fullPage: true });

      // 7. A web-shop order with the same e-mail: one profile, both channels.
      now = new Date('2026-11-22T09:30:00Z');
      await page.clock.setFixedTime(now);
      const order = await reconciliation.postOrder({
        tenantId: TENANT,
        shopId: 'moda-rossi-web',
        orderId: 'W-2001',
        channel: 'web',
        placedAt: now.toISOString(),
        currency: 'EUR',
        total: 4990,
        customer: { email, name: 'Chiara Neri' },
        lines: [{ sku: 'SCARF-9', quantity: 1, total: 4990 }],
      });
      expect(order.status).toBe(202);
      const { profileId } = await reconciliation.waitLinked(`order:${TENANT}:moda-rossi-web:W-2001`);
      expect((await reconciliation.waitLinked(`claim:${receiptId}`)).profileId).toBe(profileId);
      // Joining the programme told reconciliation too (loyalty's member.enrolled): the same person.
      expect((await reconciliation.waitLinked(`enrolment:${TENANT}:${memberId}`)).profileId).toBe(profileId);
      const profile = await reconciliation.staff.profiles.get.query({
        tenantId: TENANT,
        profileId: profileId!,
      });
      expect(profile.figures).toMatchObject({
        store: { purchases: 1, spend: 15491 },
        online: { purchases: 1, spend: 4990 },
        crossChannel: 'buys online and in store',
      });
      // The claimed receipt, the enrolment (an `identify` from the loyalty programme), the web order.
      expect(new Set(profile.timeline.map((event) => event.channel))).toEqual(
        new Set(['receipt_claim', 'identify', 'web']),
      );

      // 8. One shirt comes back at another Milan store: the app shows the reversal.
      // Within the app session's 30 minutes.
      now = new Date('2026-11-22T09:40:00Z');
      await page.clock.setFixedTime(now);
      const returned = await receipts.post(tillReturn(), { key: await receipts.terminal('MI-002', 'T01') });
      expect(returned.status).toBe(201);
      const reversal = await eventually(async () => {
        const entries = await loyalty.loyalty.store.ledger.entriesOf(memberId ?? '');
        return entries.find((entry) => entry.kind === 'reverse');
      }, 'the return reversed in the ledger');
      const taken = -(reversal.pending + reversal.active);
      expect(taken).toBeGreaterThan(0);
      await page.reload();
      await page.getByRole('link', { name: 'Movimenti' }).click();
      const reverse = page.locator('li.entry[data-kind="reverse"]');
      await reverse.waitFor();
      expect(await reverse.locator('.entry__kind').innerText()).toBe('Reso');
      expect(plain(await reverse.locator('.entry__amount').innerText())).toContain(String(taken));
      expect(plain(await reverse.locator('.entry__explanation').innerText())).toMatch(
        new RegExp(
          `^${taken} punti tolti per gli articoli resi \\(operazione [\\w-]+, acquisto [\\w-]+\\)\\.$`,
        ),
      );
      expect((await reverse.locator('.entry__lines li').allInnerTexts()).map(plain)).toEqual([
        `Riga 1: ${taken} punti tolti per 1 reso della riga 2`,
      ]);
      await page.screenshot({ path: `${outputDir}journey-5-app-reversal.png`, fullPage: true });
      await page.getByRole('link', { name: 'Punti' }).click();
      await page.getByTestId('pending').waitFor();
      expect(plain(await page.getByTestId('pending').innerText())).toBe(
        `${earned.pending + reversal.pending} punti`,
      );
      expect(errors).toEqual([]);
    }, 120_000);
  },
);
