import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildReceiptView } from '../../domain/receipt-view.js';
import { docSaleRecord, PUBLIC_URL } from '../../domain/receipt-view.fixtures.js';
import { renderReceiptEmail } from '../../domain/render/receipt-email.js';
import { fixtureClaimCode, fixtureTokens, startPagesTestApp, type PagesTestApp } from './pages-test-app.js';
import { CHROMIUM, hasChromium, launchChromium } from '../../test-support/chromium.js';

const outputDir = fileURLToPath(new URL('../../../test-output/', import.meta.url));

// The fixtures' logo URL points at a CDN the test answers itself: no network, a real image.
const logoSvg = `<svg xmlns="http://www.w3.org/2000/svg" width="180" height="44" viewBox="0 0 180 44">
<text x="0" y="32" font-family="Georgia, serif" font-size="30" font-style="italic" fill="#ffffff">Moda Rossi</text></svg>`;

let browser: Browser;
let pages: PagesTestApp;

async function newPage(viewport: { width: number; height: number }): Promise<Page> {
  const page = await browser.newPage({ viewport });
  await page.route('https://cdn.example.com/**', (route) =>
    route.fulfill({ contentType: 'image/svg+xml', body: logoSvg }),
  );
  return page;
}

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'receipt in headless Chromium'
    : `receipt in headless Chromium: SKIPPED, ${CHROMIUM} is not installed`,
  () => {
    beforeAll(async () => {
      mkdirSync(outputDir, { recursive: true });
      pages = await startPagesTestApp();
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
      await pages?.close();
    });

    it('the hosted page shows the lines and the total, styled under its CSP, on a phone', async () => {
      const page = await newPage({ width: 390, height: 844 });
      const violations: string[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') violations.push(message.text());
      });
      await page.goto(`${pages.url}/r/${fixtureTokens.docSale}`);

      const body = (await page.locator('main').innerText()).replace(/\u00a0/g, ' ');
      for (const expected of ['Giacca uomo slim fit', 'Camicia elegante', '80,91 €', '79,00 €', '154,91 €']) {
        expect(body).toContain(expected);
      }
      expect(await page.locator('table.lines tbody tr').count()).toBe(2);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Scontrino');
      // The inline stylesheet applied: the CSP nonce let it through.
      expect(await page.locator('.brand').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe(
        'rgb(138, 21, 56)',
      );
      expect(await page.locator('.return-code svg').count()).toBe(1);
      expect(violations).toEqual([]);
      await page.screenshot({ path: `${outputDir}receipt-page.png`, fullPage: true });

      await page.emulateMedia({ media: 'print' });
      expect(await page.locator('.actions').isVisible()).toBe(false);
      await page.close();
    });

    it('an anonymous sale of weighed goods offers the claim link', async () => {
      const page = await newPage({ width: 390, height: 844 });
      await page.goto(`${pages.url}/r/${fixtureTokens.weighedSale}`);
      const claim = page.getByRole('link', { name: 'Richiedi questo scontrino' });
      expect(await claim.getAttribute('href')).toBe(`${PUBLIC_URL}/c/${fixtureClaimCode}`);
      expect((await page.locator('main').innerText()).replace(/\u00a0/g, ' ')).toContain(
        '0,535 kg × 24,90 €/kg',
      );
      await page.screenshot({ path: `${outputDir}receipt-page-claim.png`, fullPage: true });
      await page.close();
    });

    it("the loyalty block says the sale's points are pending and from when they can be spent", async () => {
      const page = await newPage({ width: 390, height: 844 });
      await page.goto(`${pages.url}/r/${fixtureTokens.docSale}`);
      const loyalty = page.locator('section.loyalty');
      const rows = await loyalty.locator('tr').allInnerTexts();
      expect(rows.map((row) => row.replace(/\s+/g, ' ').trim())).toEqual([
        'Punti guadagnati +154',
        'Punti disponibili 1280',
        'Punti in attesa 154',
        'Livello Gold',
      ]);
      expect(await loyalty.locator('p.pending').innerText()).toBe(
        'I punti di questo acquisto sono in attesa: potrai usarli dal 22 dicembre 2026, finito il periodo per i resi.',
      );
      await page.close();
    });

    it('a sale of 0 has no payment block: no empty heading', async () => {
      const page = await newPage({ width: 390, height: 844 });
      await page.goto(`${pages.url}/r/${fixtureTokens.freeSale}`);
      expect((await page.locator('main').innerText()).replace(/\u00a0/g, ' ')).toContain('0,00 €');
      const headings = await page.getByRole('heading', { level: 2 }).allInnerTexts();
      expect(headings).not.toContain('PAGAMENTO');
      expect(headings.every((heading) => heading.trim() !== '')).toBe(true);
      expect(await page.locator('#payments').count()).toBe(0);
      await page.close();
    });

    it("one language per page: the customer's, the store's footer in it too, and a switch to the other", async () => {
      // The return was written for an en-US customer in a Milan store whose footer is Italian.
      const page = await newPage({ width: 390, height: 844 });
      await page.goto(`${pages.url}/r/${fixtureTokens.return}`);
      expect(await page.locator('html').getAttribute('lang')).toBe('en-US');
      const english = await page.locator('main').innerText();
      expect(english).toContain('Total refunded');
      expect(english).toContain('Exchanges and returns within 30 days with this receipt.');
      expect(english).not.toMatch(/Cambi e resi|Grazie|Totale|Rimborso/);
      const switcher = page.getByRole('navigation', { name: 'Language' });
      expect(await switcher.getByRole('link', { name: 'English' }).getAttribute('aria-current')).toBe('true');
      expect(await page.getByRole('link', { name: 'Download PDF' }).getAttribute('href')).toMatch(/\.pdf$/);
      await page.screenshot({ path: `${outputDir}receipt-page-en.png`, fullPage: true });

      await switcher.getByRole('link', { name: 'Italiano' }).click();
      await page.waitForURL(/\?lang=it$/);
      expect(await page.locator('html').getAttribute('lang')).toBe('it-IT');
      const italian = await page.locator('main').innerText();
      expect(italian).toContain('Totale rimborsato');
      expect(italian).toContain('Cambi e resi entro 30 giorni con questo scontrino.');
      expect(italian).not.toMatch(/Exchanges|Total refunded|Refund\b/);
      expect(
        await page
          .getByRole('navigation', { name: 'Lingua' })
          .getByRole('link', { name: 'Italiano' })
          .getAttribute('aria-current'),
      ).toBe('true');
      // The PDF follows the language chosen on the page.
      expect(await page.getByRole('link', { name: 'Scarica PDF' }).getAttribute('href')).toMatch(
        /\.pdf\?lang=it$/,
      );
      await page.close();
    });

    it('the email shows the total in a mail-sized window, in light and in dark mode', async () => {
      const email = renderReceiptEmail(buildReceiptView(docSaleRecord()));
      const page = await newPage({ width: 640, height: 900 });
      await page.setContent(email.html, { waitUntil: 'load' });
      expect((await page.locator('body').innerText()).replace(/\u00a0/g, ' ')).toContain('154,91 €');
      await page.screenshot({ path: `${outputDir}receipt-email.png`, fullPage: true });

      await page.emulateMedia({ colorScheme: 'dark' });
      const paper = page.locator('table.paper').first();
      expect(await paper.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(26, 31, 43)');
      await page.screenshot({ path: `${outputDir}receipt-email-dark.png`, fullPage: true });
      await page.close();
    });
  },
);
