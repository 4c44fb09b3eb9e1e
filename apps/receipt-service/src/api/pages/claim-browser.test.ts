import { mkdirSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { mailSink } from '@scontrino/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { anonymousSale } from '../../test-support/pos-fixtures.js';
import { startTestReceiptService, TEST_PUBLIC_URL } from '../../test-support/receipt-service.js';
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
    const email = `browser-${randomUUID()}@example.test`;
    await page.fill('input[name=email]', email);
    await page.screenshot({ path: `${outputDir}claim-page.png`, fullPage: true });
    await page.click('button[type=submit]');
    await page.waitForSelector('h1');
    expect(await page.textContent('h1')).toBe('Fatto!');
    await page.screenshot({ path: `${outputDir}claim-page-done.png`, fullPage: true });
    expect(violations).toEqual([]);
    await mailSink.waitFor({ to: email });
  });
});
