import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROWSER_NOW, type BackOfficeStack, startBackOfficeStack } from './back-office-stack.js';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.js';

const docsImages = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));

let stack: BackOfficeStack;
let browser: Browser;

/** A tablet-sized browser in English, its clock on 30 November 2026. */
async function tablet(): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({
    locale: 'en-GB',
    timezoneId: 'Europe/Rome',
    viewport: { width: 1280, height: 900 },
    acceptDownloads: true,
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(BROWSER_NOW);
  const errors: string[] = [];
  // Console errors include CSP violations: the built app must run under the server's policy.
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return { context, page, errors };
}

/** Through the demo sign-in page, as the member of staff with that button. */
async function signInAs(page: Page, label: string): Promise<void> {
  await page.goto(stack.app.url);
  await page.getByRole('link', { name: 'Sign in as staff' }).click();
  await page.waitForURL(`${stack.signIn.url}/**`);
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.waitForURL(`${stack.app.url}/`);
  await page.getByRole('heading', { name: 'Who you are' }).waitFor();
}

/** What axe-core calls serious or critical on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`);
}

const tileValue = (page: Page, kpi: string) => page.locator(`[data-kpi="${kpi}"] .tile-value`).innerText();
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').trim();

/** A call of the page's own kind (its header, its cookie) to the receipt service's KPIs. */
const kpiStatus = (page: Page, input: Record<string, string>) =>
  page.evaluate(async (query) => {
    const res = await fetch(
      `/trpc/receipt/kpis.salesDaily?input=${encodeURIComponent(JSON.stringify(query))}`,
      {
        headers: { 'x-scontrino-back-office': '1' },
      },
    );
    return res.status;
  }, input);

const november = { tenantId: 'moda-rossi', from: '2026-11-01', to: '2026-11-30' };

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'the back office in headless Chromium'
    : `the back office: SKIPPED, ${CHROMIUM} is not installed`,
  { timeout: 90_000 },
  () => {
    beforeAll(async () => {
      stack = await startBackOfficeStack();
      browser = await launchChromium();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    it('the admin signs in with the code flow, sees every store and the figures computed by hand, exports them', async () => {
      const { context, page, errors } = await tablet();
      await signInAs(page, 'admin');
      await expect.poll(() => page.getByTestId('roles').innerText()).toBe('administrator');
      expect(await page.getByTestId('stores').innerText()).toBe('every store of your brands');
      // The whole brand: four sales at MI-001, one at MI-002.
      await expect.poll(() => tileValue(page, 'sales'), { timeout: 20_000 }).toBe('5');

      await page.getByLabel('Store').fill('MI-001');
      await page.getByRole('button', { name: 'Show' }).click();
      await expect.poll(() => tileValue(page, 'sales')).toBe('4');
      expect(plain(await tileValue(page, 'revenue'))).toBe('€580.14');
      expect(plain(await tileValue(page, 'averageTicket'))).toBe('€154.91');
      expect(await tileValue(page, 'returnsRate')).toBe('6.4%');
      expect(await tileValue(page, 'identifiedShare')).toBe('50%');
      expect(await tileValue(page, 'digitalReceiptShare')).toBe('50%');
      // Three slips with a QR (both anonymous sales and the card sale on paper, which names no
      // e-mail), one claimed.
      expect(await tileValue(page, 'qrClaimRate')).toBe('33.3%');
      // Each figure's definition, on hover and on keyboard focus alike.
      await page.getByRole('button', { name: 'Definition: Returns rate' }).focus();
      await expect
        .poll(() => page.getByRole('tooltip', { name: /refunded by returns/ }).isVisible())
        .toBe(true);
      expect(await page.locator('.charts figure .recharts-wrapper').count()).toBe(3);

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const csv = await readFile(await (await download).path(), 'utf8');
      expect(csv.split('\r\n')).toEqual([
        'tenant,store,Day,Sales,Net revenue,Average ticket,Returns rate,Identified sales,Digital receipts,QR claim rate',
        `moda-rossi,MI-001,2026-11-22,4,580.14,154.91,${3950 / 61964},0.5,0.5,${1 / 3}`,
        `moda-rossi,MI-001,2026-11-01..2026-11-30,4,580.14,154.91,${3950 / 61964},0.5,0.5,${1 / 3}`,
        '',
      ]);

      // The tokens stay on the server: the browser holds an httpOnly cookie and nothing else.
      const stored = await page.evaluate(() => JSON.stringify({ ...localStorage, ...sessionStorage }));
      expect(stored).not.toMatch(/eyJ/);
      const cookies = await context.cookies();
      expect(cookies.map(({ name, httpOnly, sameSite }) => ({ name, httpOnly, sameSite }))).toEqual([
        { name: 'scontrino_bo', httpOnly: true, sameSite: 'Lax' },
      ]);
      expect(await seriousViolations(page)).toEqual([]);
      await page.mouse.move(0, 0);
      await page.screenshot({ path: `${docsImages}back-office-dashboard.png`, fullPage: true });
      expect(errors).toEqual([]);
      await context.close();
    });

    it("Milan's store manager sees her store alone and is refused the others", async () => {
      const { context, page, errors } = await tablet();
      await signInAs(page, 'store manager (Milano)');
      expect(await page.getByTestId('stores').innerText()).toBe('MI-001');
      await expect.poll(() => tileValue(page, 'sales'), { timeout: 20_000 }).toBe('4');
      expect(await page.getByLabel('Store').locator('option').allInnerTexts()).toEqual(['MI-001']);
      expect(
        await page
          .locator('[data-permission]')
          .evaluateAll((items) => items.map((item) => item.getAttribute('data-permission'))),
      ).toEqual(['stores.read', 'terminals.manage', 'receipts.read', 'receipts.resend', 'kpis.read']);
      // The service refuses, whatever the page is made to ask.
      expect(await kpiStatus(page, { ...november, storeId: 'MI-002' })).toBe(403);
      expect(await kpiStatus(page, november)).toBe(403);
      expect(await kpiStatus(page, { ...november, storeId: 'MI-001' })).toBe(200);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('the CRM analyst sees the whole brand; support is refused the dashboard', async () => {
      const analyst = await tablet();
      await signInAs(analyst.page, 'CRM analyst');
      await expect.poll(() => tileValue(analyst.page, 'sales'), { timeout: 20_000 }).toBe('5');
      expect(await seriousViolations(analyst.page)).toEqual([]);
      await analyst.context.close();

      const support = await tablet();
      await signInAs(support.page, 'support desk');
      expect(await support.page.getByTestId('dashboard-refused').innerText()).toBe(
        'Your roles do not include the KPI dashboard.',
      );
      expect(await support.page.locator('[data-kpi]').count()).toBe(0);
      expect(await kpiStatus(support.page, november)).toBe(403);
      expect(await seriousViolations(support.page)).toEqual([]);
      await support.page.getByRole('button', { name: 'Sign out' }).click();
      await support.page.getByRole('link', { name: 'Sign in as staff' }).waitFor();
      expect(await kpiStatus(support.page, november)).toBe(401);
      expect(support.errors).toEqual([]);
      await support.context.close();
    });

    it('refuses calls without the page header, and a sign-in nobody started', async () => {
      const res = await fetch(
        `${stack.app.url}/trpc/receipt/kpis.salesDaily?input=${encodeURIComponent(JSON.stringify(november))}`,
      );
      expect(res.status).toBe(403);
      expect((await fetch(`${stack.app.url}/trpc/loyalty/members.me`)).status).toBe(404);
      expect((await fetch(`${stack.app.url}/trpc/receipt/..%2f..%2freadyz`)).status).toBe(400);
      expect((await fetch(`${stack.app.url}/auth/callback?code=x&state=y`)).status).toBe(400);
    });
  },
);
