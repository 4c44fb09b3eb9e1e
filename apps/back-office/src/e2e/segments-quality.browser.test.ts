import { readFile } from 'node:fs/promises';
import { sale } from '@scontrino/receipt-service/testing';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackOfficeStack, startBackOfficeStack } from './back-office-stack.js';
import { openTablet, seriousViolations, signInAs as signInWith } from './browser-pages.js';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.js';
import { screenshot } from './screenshots.js';

const tenantId = 'moda-rossi';
const updateScreenshots = process.env.UPDATE_SCREENSHOTS === '1';
/** The seeded day, Sunday 22 November 2026, ends ISO week 47. */
const seededWeek = '2026-W47';

let stack: BackOfficeStack;
let browser: Browser;
/** The segment Anna (the seeded card holder, who consented to e-mail offers) is in. */
let annaSegment = '';

const tablet = () => openTablet(browser);
const signInAs = (page: Page, label: string) => signInWith(stack, page, label);

async function showWeek(page: Page, week: string) {
  await page.getByLabel('Week').fill(week);
  await page.getByRole('button', { name: 'Show' }).click();
}

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'segments and data quality in headless Chromium'
    : `segments and data quality: SKIPPED, ${CHROMIUM} is not installed`,
  { timeout: 90_000 },
  () => {
    beforeAll(async () => {
      stack = await startBackOfficeStack();
      // Cashier C21 types a placeholder for a customer who gave no e-mail, on the seeded day.
      const placeholder = sale(`P-${Date.now()}`);
      const res = await stack.receipts.post(
        {
          ...placeholder,
          cashierId: 'C21',
          customer: { email: 'nomail@negozio.it', receiptDelivery: ['paper'] },
        },
        { key: await stack.receipts.terminal('MI-001', 'T03') },
      );
      expect(res.status).toBe(201);
      await stack.reconciliation.snapshotSegments();
      const { snapshot } = await stack.reconciliation.staff.segments.summary.query({ tenantId });
      for (const [segment, customers] of Object.entries(snapshot?.counts ?? {})) {
        if (customers === 0) continue;
        const { members } = await stack.reconciliation.staff.segments.members.query({
          tenantId,
          date: snapshot?.date ?? '',
          segment: segment as 'champions',
        });
        if (members.some((m) => m.profileId === stack.customer.profileId)) annaSegment = segment;
      }
      browser = await launchChromium();
    }, 240_000);
    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    it('the CRM analyst sees the segments, lists members masked and exports those who consented by e-mail', async () => {
      expect(annaSegment).not.toBe('');
      const { page, errors } = await tablet();
      await signInAs(page, 'CRM analyst');
      await page.getByRole('link', { name: 'Segments' }).click();
      await page.getByRole('heading', { name: 'RFM segments' }).waitFor();
      const customers = Number(await page.getByTestId('segment-customers').innerText());
      expect(customers).toBeGreaterThanOrEqual(1);
      const counts = await page
        .locator('[data-testid="segment-counts"] tbody tr td:first-of-type')
        .allInnerTexts();
      expect(counts.map(Number).reduce((x, y) => x + y, 0)).toBe(customers);
      // The analyst curates, so she may take today's snapshot again; the counts stay.
      await expect(page.getByTestId('take-snapshot').isVisible()).resolves.toBe(true);

      await page.getByLabel('Segment to list').selectOption(annaSegment);
      await page.getByTestId('list-members').click();
      const members = page.getByTestId('segment-members');
      await members.waitFor();
      const listed = await members.innerText();
      expect(listed).toContain(stack.customer.profileId);
      expect(listed).not.toContain(stack.customer.email);
      expect(listed).toContain('•');

      const download = page.waitForEvent('download');
      await page.getByTestId('export-segment').click();
      const csv = await readFile((await (await download).path()) ?? '', 'utf8');
      const [header, ...rows] = csv.trim().split('\r\n');
      expect(header).toBe(
        'profile_id,segment,recency,frequency,monetary,contact,consent_email,consent_sms,consent_app',
      );
      expect(rows.map((row) => row.split(',')[0])).toContain(stack.customer.profileId);
      expect(csv).not.toContain(stack.customer.email);
      expect(rows.every((row) => row.split(',')[6] === 'true')).toBe(true);
      await page.getByRole('status').filter({ hasText: 'consented' }).waitFor();
      // The export is in the reconciliation service's audit log.
      const { entries } = await stack.reconciliation.staff.audit.search.query({
        tenantId,
        action: 'segments.export',
      });
      expect(entries.map((e) => e.outcome)).toContain('ok');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await screenshot(page, 'back-office-segments.png', updateScreenshots);
    });

    it('the admin sees the till e-mails per store and cashier and the identity figures of the week', async () => {
      const { page, errors } = await tablet();
      await signInAs(page, 'admin');
      await page.getByRole('link', { name: 'Data quality' }).click();
      await page.getByRole('heading', { name: 'Data quality' }).waitFor();
      await showWeek(page, seededWeek);
      const cashier = page.locator('[data-testid="quality-cashiers"] tr[data-cashier="C21"]');
      await cashier.waitFor();
      // C21's one sale had a placeholder: 1 sale, 0 invalid, 1 placeholder, 100 %.
      expect((await cashier.locator('td').allInnerTexts()).slice(1)).toEqual(['1', '0', '1', '100%']);
      await page.locator('[data-testid="quality-stores"] tr[data-store="MI-002"]').waitFor();
      await page.getByTestId('quality-identities').waitFor();
      // The review queue's length, as the reconciliation service lists it.
      const { suggestions } = await stack.reconciliation.staff.suggestions.list.query({
        tenantId,
        status: 'open',
        limit: 200,
      });
      expect(await page.locator('[data-figure="suggestionsPending"]').innerText()).toBe(
        String(suggestions.length),
      );
      expect(await page.getByTestId('quality-report-sent').innerText()).toContain('Not sent yet');
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await screenshot(page, 'back-office-quality.png', updateScreenshots);
      // In Italian too.
      await page.getByLabel('Language').selectOption('it');
      await page.getByRole('heading', { name: 'Qualità dei dati' }).waitFor();
    });

    it("Milan's store manager sees her store's tills only, and is refused segments and identities", async () => {
      const { page, errors } = await tablet();
      await signInAs(page, 'store manager (Milano)');
      await page.getByRole('link', { name: 'Segments' }).click();
      await page.getByTestId('segments-refused').waitFor();
      await page.getByRole('link', { name: 'Data quality' }).click();
      await showWeek(page, seededWeek);
      await page.locator('[data-testid="quality-stores"] tr[data-store="MI-001"]').waitFor();
      expect(await page.locator('[data-testid="quality-stores"] tr[data-store="MI-002"]').count()).toBe(0);
      await page.getByTestId('quality-identities-refused').waitFor();
      expect(await page.getByLabel('Store').locator('option').allInnerTexts()).toEqual(['MI-001']);
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
    });
  },
);
