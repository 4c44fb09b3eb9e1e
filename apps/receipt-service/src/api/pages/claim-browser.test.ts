import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mailSink, uniqueEmail } from '@scontrino/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymousSale } from '../../test-support/pos-fixtures.js';
import {
  startTestReceiptService,
  storeProfile,
  TEST_PUBLIC_URL,
} from '../../test-support/receipt-service.js';
import { hasChromium, launchChromium } from '../../test-support/chromium.js';

const outputDir = fileURLToPath(new URL('../../../test-output/', import.meta.url));

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe.skipIf(!hasChromium)('claim page in headless Chromium', () => {
  it('a customer types an email, submits under the CSP and sees the confirmation; the receipt arrives', async () => {
    mkdirSync(outputDir, { recursive: true });
    const service = await startTestReceiptService();
    cleanups.push(() => service.close());
    const key = await service.terminal('MI-001', 'T03');
    const res = await service.post(anonymousSale(`BR-${randomUUID()}`), { key });
    const { claimUrl } = res.body as { claimUrl: string };

    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'it-IT' });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text());
    });
    await page.goto(claimUrl.replace(TEST_PUBLIC_URL, service.url));
    expect(await page.isChecked('input[name=marketing]')).toBe(false);
    const email = uniqueEmail('browser');
    await page.fill('input[name=email]', email);
    await page.screenshot({ path: `${outputDir}claim-page.png`, fullPage: true });
    await page.click('button[type=submit]');
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('Fatto!');
    expect(await page.locator('header.brand').innerText()).toBe('Moda Rossi Milano Centro');
    await page.screenshot({ path: `${outputDir}claim-page-done.png`, fullPage: true });
    expect(violations).toEqual([]);

    // The slip's QR code again, once claimed: the same store header as the form, in its language.
    await page.goto(claimUrl.replace(TEST_PUBLIC_URL, service.url));
    expect(await page.textContent('h1')).toBe('Scontrino già richiesto');
    expect(await page.locator('header.brand').innerText()).toBe('Moda Rossi Milano Centro');
    expect(await page.locator('header.brand').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
      'rgb(26, 77, 143)',
    );
    await page.screenshot({ path: `${outputDir}claim-page-already-claimed.png`, fullPage: true });
    await mailSink.waitFor({ to: email });
  });

  it("the claim form links to the privacy notice: the service's own, or the brand's when its profile names one", async () => {
    const service = await startTestReceiptService();
    cleanups.push(() => service.close());
    const key = await service.terminal('MI-001', 'T03');
    const { claimUrl } = (await service.post(anonymousSale(`PR-${randomUUID()}`), { key })).body as {
      claimUrl: string;
    };
    const browser = await launchChromium();
    cleanups.push(() => browser.close());
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, locale: 'it-IT' });
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') violations.push(message.text());
    });
    await page.goto(claimUrl.replace(TEST_PUBLIC_URL, service.url));
    await page.getByRole('link', { name: 'Informativa sulla privacy' }).click();
    await page.waitForURL(/\/privacy\?lang=it$/);
    expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe(
      'Informativa sulla privacy degli scontrini digitali',
    );
    expect(await page.getByRole('heading', { level: 2 }).allInnerTexts()).toHaveLength(4);
    expect(violations).toEqual([]);

    await service.trpc.stores.upsert.mutate(
      storeProfile({ privacyNoticeUrl: 'https://www.modarossi.example/privacy' }),
    );
    await page.goto(claimUrl.replace(TEST_PUBLIC_URL, service.url));
    expect(await page.getByRole('link', { name: 'Informativa sulla privacy' }).getAttribute('href')).toBe(
      'https://www.modarossi.example/privacy',
    );
  });
});
