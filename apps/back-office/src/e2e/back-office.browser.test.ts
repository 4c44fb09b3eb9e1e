import { copyFile, mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BackOfficeStack, startBackOfficeStack } from './back-office-stack.js';
import { openTablet, seriousViolations, signInAs as signInWith } from './browser-pages.js';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.js';

const docsImages = fileURLToPath(new URL('../../../../docs/images/', import.meta.url));
const screenshots = fileURLToPath(new URL('../../test-output/screenshots/', import.meta.url));

/**
 * A full-page screenshot in test-output/screenshots (ignored by git); copied over the one in
 * docs/images only when the run is asked to (`UPDATE_SCREENSHOTS=1`), so a test run leaves the
 * repository as it was.
 */
async function screenshot(page: Page, name: string): Promise<void> {
  await page.mouse.move(0, 0);
  await page.screenshot({ path: `${screenshots}${name}`, fullPage: true });
  if (process.env.UPDATE_SCREENSHOTS === '1') await copyFile(`${screenshots}${name}`, `${docsImages}${name}`);
}

let stack: BackOfficeStack;
let browser: Browser;

const tablet = () => openTablet(browser);
const signInAs = (page: Page, label: string) => signInWith(stack, page, label);

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
      await mkdir(screenshots, { recursive: true });
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
      // Two claimable slips, both anonymous sales, one claimed: the card sale on paper printed a
      // QR too, but its code was withdrawn once loyalty told the card's member has an e-mail.
      await expect.poll(() => tileValue(page, 'qrClaimRate'), { timeout: 20_000 }).toBe('50%');
      // Each figure's definition, on hover and on keyboard focus alike.
      await page.getByRole('button', { name: 'Definition: Returns rate' }).focus();
      await expect
        .poll(() => page.getByRole('tooltip', { name: /refunded by returns/ }).isVisible())
        .toBe(true);
      expect(await page.locator('.charts figure .recharts-wrapper').count()).toBe(4);
      // The brand's customers (whatever the store): A and D's card holder, B's claimer; 3 purchases.
      await expect.poll(() => tileValue(page, 'customers'), { timeout: 20_000 }).toBe('2');
      expect(await tileValue(page, 'purchasesPerCustomer')).toBe('1.5');
      expect(await tileValue(page, 'newCustomers')).toBe('2');
      await page.getByRole('button', { name: 'Definition: Predicted CLV' }).focus();
      await expect
        .poll(() => page.getByRole('tooltip', { name: /expected years = 1 \/ \(1 − 90-day/ }).isVisible())
        .toBe(true);
      // Two receipt e-mails (A's till address, B's claim), both sent; nobody opted out.
      await expect.poll(() => tileValue(page, 'emailDeliveryRate'), { timeout: 20_000 }).toBe('100%');
      expect(await tileValue(page, 'optOutRate')).toBe('0%');
      // Points: what the ledger's earn entries of A and D hold (the welcome 250 and the return's
      // reversal belong to no store), none redeemed or expired.
      const earned = (await stack.loyalty.loyalty.store.ledger.entriesOf(stack.customer.memberId))
        .filter((entry) => entry.kind === 'earn')
        .reduce((sum, entry) => sum + entry.pending + entry.active, 0);
      expect(earned).toBeGreaterThan(0);
      await expect.poll(() => tileValue(page, 'pointsIssued'), { timeout: 20_000 }).toBe(String(earned));
      expect(await tileValue(page, 'redemptionRate')).toBe('0%');

      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const csv = await readFile(await (await download).path(), 'utf8');
      const figures = `4,580.14,154.91,${3950 / 61964},0.5,0.5,${1 / 2},1,0,${earned},0,0,0`;
      expect(csv.split('\r\n')).toEqual([
        'tenant,store,Day,Sales,Net revenue,Average ticket,Returns rate,Identified sales,Digital receipts,QR claim rate,' +
          'E-mail delivery rate,Opt-out rate,Points issued,Points redeemed,Points expired,Redemption rate',
        `moda-rossi,MI-001,2026-11-22,${figures}`,
        `moda-rossi,MI-001,2026-11-01..2026-11-30,${figures}`,
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
      await screenshot(page, 'back-office-dashboard.png');
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
      // Customers are the brand's: the page says so and asks nothing.
      expect(await page.locator('.customer-kpis .note').innerText()).toBe(
        "Customers are the brand's: your role sees its stores only.",
      );
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

    it('support finds a customer by e-mail: masked identifiers, points corrected, receipts resent, values revealed with a reason', async () => {
      const { context, page, errors } = await tablet();
      const { customer } = stack;
      await signInAs(page, 'support desk');
      await page.getByRole('link', { name: 'Customer 360' }).click();
      await page.getByLabel('Search by').selectOption('email');
      await page.getByLabel('Value').fill(customer.email);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const profile = page.getByTestId('profile');
      await expect
        .poll(() => profile.getAttribute('data-profile'), { timeout: 20_000 })
        .toBe(customer.profileId);
      // Masked, every one of them: the card by its last digits, the e-mail by its ends.
      const identifiers = page.getByTestId('identifiers');
      await expect
        .poll(() => identifiers.locator('[data-identifier="card"]').innerText())
        .toMatch(/••••\d{4}/);
      expect(await page.locator('main').innerText()).not.toContain(customer.email);
      expect(await page.locator('main').innerText()).not.toContain(customer.card);
      // No curation for support: neither the column nor the actions.
      expect(await page.getByRole('button', { name: /^Quarantine/ }).count()).toBe(0);

      // Loyalty: the member's points, then a correction of +10 with a reason.
      const points = page.getByTestId('points');
      await points.waitFor({ timeout: 20_000 });
      const before = Number(await points.getAttribute('data-available'));
      expect(before).toBeGreaterThanOrEqual(250);
      expect(await page.getByTestId('consent').innerText()).toBe('granted');
      await page.getByLabel('Points (+/−)').fill('10');
      await page.getByLabel('Reason (at least 10 characters)').fill('ticket 5120: missing points');
      await page.getByRole('button', { name: 'Correct points' }).click();
      await page.getByRole('status').filter({ hasText: 'Correction recorded.' }).waitFor();
      await expect.poll(async () => Number(await points.getAttribute('data-available'))).toBe(before + 10);

      // Her receipts across the brand's stores; sale A's deliveries and a resend.
      const receipts = page.getByTestId('customer-receipts');
      const saleA = receipts.locator(`[data-transaction="${customer.saleA}"]`);
      await saleA.waitFor({ timeout: 20_000 });
      await saleA.getByRole('button', { name: /Deliveries and resend/ }).click();
      await saleA.getByRole('button', { name: 'Send again' }).click();
      await saleA.getByRole('status').filter({ hasText: 'New delivery queued.' }).waitFor();
      await expect.poll(() => saleA.locator('[data-state]').count()).toBeGreaterThanOrEqual(2);
      expect(await page.getByTestId('timeline').locator('li').count()).toBeGreaterThanOrEqual(2);
      expect(await page.getByTestId('profile-links').locator('[data-link]').count()).toBeGreaterThanOrEqual(
        1,
      );
      expect(await seriousViolations(page)).toEqual([]);
      // The timeline's times in the store's zone (Milan: CET in November), not in UTC.
      expect(
        await page.getByTestId('timeline').locator('li').filter({ hasText: 'MI-001' }).first().innerText(),
      ).toMatch(/\d{2}:\d{2} CET/);
      await screenshot(page, 'back-office-customer.png');

      // In clear only with a reason, and the reason is in the audit log.
      await page.getByLabel('Reason (ticket or request)').fill('ticket 5121: which address do we hold');
      await page.getByRole('button', { name: 'Show in clear' }).click();
      await expect
        .poll(() => page.getByTestId('clear-value').allInnerTexts())
        .toContainEqual(`In clear: ${customer.email}`);
      const { entries } = await stack.reconciliation.staff.audit.search.query({
        tenantId: 'moda-rossi',
        action: 'profiles.reveal',
        actor: 'demo-support',
      });
      expect(entries.map((entry) => entry.reason)).toContain('ticket 5121: which address do we hold');
      expect(errors).toEqual([]);
      await context.close();
    });

    it('the CRM analyst sees the profile masked, is refused loyalty and receipts, and cuts a link with a reason, audited', async () => {
      const { context, page, errors } = await tablet();
      const { customer } = stack;
      await signInAs(page, 'CRM analyst');
      await page.goto(`${stack.app.url}/#customer`);
      await page.getByLabel('Search by').selectOption('profileId');
      await page.getByLabel('Value').fill(customer.profileId);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await page.getByTestId('profile').waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('loyalty-refused').innerText()).toBe(
        'Your roles do not include members.',
      );
      expect(await page.getByTestId('receipts-refused').innerText()).toBe(
        'Your roles do not include receipts.',
      );
      expect(await page.getByRole('button', { name: 'Show in clear' }).count()).toBe(0);
      // Stores' profiles are not the analyst's, their zones are: the timeline is at Milan's time too.
      await expect
        .poll(async () =>
          page.getByTestId('timeline').locator('li').filter({ hasText: 'MI-001' }).first().innerText(),
        )
        .toMatch(/\d{2}:\d{2} CET/);
      // The service refuses what the page does not offer.
      const reveal = await page.evaluate(async (profileId) => {
        const res = await fetch('/trpc/reconciliation/profiles.reveal', {
          method: 'POST',
          headers: { 'x-scontrino-back-office': '1', 'content-type': 'application/json' },
          body: JSON.stringify({
            tenantId: 'moda-rossi',
            profileId,
            fields: ['email'],
            reason: 'just looking around',
          }),
        });
        return res.status;
      }, customer.profileId);
      expect(reveal).toBe(403);
      expect(await page.locator('main').innerText()).not.toContain(customer.email);

      const link = page.getByTestId('profile-links').locator('[data-link]').first();
      await link.waitFor({ timeout: 20_000 });
      expect(await seriousViolations(page)).toEqual([]);
      await link.getByRole('button', { name: /^Cut this link/ }).click();
      await link.getByLabel(/Reason/).fill('two people share this card at the till');
      expect(await seriousViolations(page)).toEqual([]);
      await link.getByRole('button', { name: 'Confirm' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Done: \d+ merged, \d+ split/ })
        .waitFor({ timeout: 20_000 });
      const { entries } = await stack.reconciliation.staff.audit.search.query({
        tenantId: 'moda-rossi',
        action: 'links.cut',
        actor: 'demo-crm-analyst',
      });
      expect(entries).toEqual([
        expect.objectContaining({
          outcome: 'ok',
          reason: 'two people share this card at the till',
          target: { tenantId: 'moda-rossi', linkId: expect.any(String) as string },
        }),
      ]);
      expect(errors).toEqual([]);
      await context.close();
    });

    it("Milan's store manager searches her store's receipts by day and total, sees deliveries, and is refused the rest", async () => {
      const { context, page, errors } = await tablet();
      await signInAs(page, 'store manager (Milano)');
      await page.getByRole('link', { name: 'Customer 360' }).click();
      expect(await page.getByTestId('customer-refused').innerText()).toBe(
        'Your roles do not include customer profiles.',
      );
      await page.getByRole('link', { name: 'Receipts' }).click();
      expect(await page.getByLabel('Store').locator('option').allInnerTexts()).toEqual(['MI-001']);
      await page.getByLabel("Day (store's time)").fill('2026-11-22');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const rows = page.getByTestId('receipt-results').locator('tbody tr[data-transaction]');
      // Four sales and a return at MI-001 that day; MI-002's sale is not hers.
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(5);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'back-office-receipts.png');

      await page.getByLabel('Total (€)').fill('39,50');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(() => rows.count()).toBe(1);
      expect(await rows.first().innerText()).toMatch(/return/);
      await page.getByLabel('Total (€)').fill('');
      await page.getByLabel("Card's last 4 digits").fill('4242');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(() => rows.count()).toBe(4);
      const first = rows.first();
      expect(await first.getByRole('link', { name: /^Open the receipt/ }).getAttribute('href')).toMatch(
        /\/r\//,
      );
      await first.getByRole('button', { name: /Deliveries and resend/ }).click();
      await page.locator('[data-testid^="deliveries-"]').waitFor();

      const search = (storeId: string) =>
        page.evaluate(async (store) => {
          const input = { tenantId: 'moda-rossi', storeId: store, day: '2026-11-22' };
          const res = await fetch(
            `/trpc/receipt/receipts.search?input=${encodeURIComponent(JSON.stringify(input))}`,
            {
              headers: { 'x-scontrino-back-office': '1' },
            },
          );
          return res.status;
        }, storeId);
      expect(await search('MI-002')).toBe(403);
      expect(await search('MI-001')).toBe(200);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('the CRM analyst reviews a suggestion side by side and accepts it with a reason, audited; dry-runs a draft program; is refused the audit log', async () => {
      const { context, page, errors } = await tablet();
      const { lookAlikes } = stack;
      await signInAs(page, 'CRM analyst');
      await page.getByRole('link', { name: 'Identity review' }).click();
      const card = page.locator(`[data-suggestion="${lookAlikes.suggestionId}"]`);
      await card.waitFor({ timeout: 20_000 });
      // Side by side, masked: the analyst never sees either address in clear.
      await expect.poll(() => card.getByTestId('side').count()).toBe(2);
      await expect.poll(() => card.getByTestId('side').first().innerText()).toMatch(/email: .*•/);
      expect(await card.getByTestId('evidence').first().innerText()).toContain('e-mail domain one typo off');
      expect(await card.getByTestId('score').innerText()).toMatch(/^\d+(\.\d)?%$/);
      const shown = await page.locator('main').innerText();
      expect(shown).not.toContain(lookAlikes.a);
      expect(shown).not.toContain(lookAlikes.b);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'back-office-review.png');

      await card.getByLabel(/^Reason/).fill('same customer, domain mistyped at the till');
      await card.getByRole('button', { name: 'Accept: same person' }).click();
      await page
        .getByRole('status')
        .filter({ hasText: /^Accepted: 1 merged/ })
        .waitFor({ timeout: 20_000 });
      expect(await card.count()).toBe(0);
      const { entries } = await stack.reconciliation.staff.audit.search.query({
        tenantId: 'moda-rossi',
        action: 'suggestions.accept',
      });
      expect(entries.map((entry) => [entry.actor.subject, entry.target.suggestionId, entry.reason])).toEqual([
        ['demo-crm-analyst', lookAlikes.suggestionId, 'same customer, domain mistyped at the till'],
      ]);
      // The decision fed back: both addresses now resolve to one profile.
      const [a, b] = await Promise.all(
        [lookAlikes.a, lookAlikes.b].map((value) =>
          stack.reconciliation.staff.profiles.resolve.query({ tenantId: 'moda-rossi', type: 'email', value }),
        ),
      );
      expect(a?.profileId).toBe(b?.profileId);

      // The program: version 1 in sentences, a draft with Silver from 1 point, its dry run.
      await page.getByRole('link', { name: 'Loyalty program' }).click();
      const rules = page.getByTestId('version-rules');
      await expect.poll(() => rules.innerText(), { timeout: 20_000 }).toContain('AUTUNNO');
      expect(await rules.innerText()).toContain('Silver (SILVER): from 500, points ×1.25.');
      await page.getByRole('button', { name: 'New draft from version 1' }).click();
      const json = page.getByLabel("Draft's configuration (JSON)");
      const config = JSON.parse(await json.inputValue()) as { tiers: { levels: { threshold: number }[] } };
      config.tiers.levels[1]!.threshold = 1;
      await json.fill(JSON.stringify(config, null, 2));
      await expect
        .poll(() => page.getByTestId('draft-rules').innerText())
        .toContain('Silver (SILVER): from 1, points ×1.25.');
      await page.getByRole('button', { name: 'Dry run on the real history' }).click();
      // Anna's two card sales qualify her for Silver under the draft alone; the points stay the same.
      await expect
        .poll(() => page.getByTestId('tier-moves').innerText(), { timeout: 20_000 })
        .toBe('Members whose tier changes: 1 up, 0 down.');
      const move = page.getByTestId('tier-changes').locator(`[data-member="${stack.customer.memberId}"]`);
      expect(await move.locator('td').allInnerTexts()).toEqual([
        stack.customer.memberId,
        'BRONZE',
        'SILVER',
        expect.stringMatching(/^(\d+) → \1$/) as unknown as string,
      ]);
      expect(await page.getByTestId('delta-total').innerText()).toBe('0');
      // Publishing is the administrator's: the analyst saves the draft for her.
      expect(await page.getByRole('button', { name: 'Publish as a new version' }).count()).toBe(0);
      expect(await page.getByTestId('draft-status').innerText()).toBe('Changes not saved yet.');
      await page.getByRole('button', { name: 'Save the draft' }).click();
      await expect
        .poll(() => page.getByTestId('draft-status').innerText(), { timeout: 20_000 })
        .toMatch(/^Saved by demo-crm-analyst on .+ \(from version 1\)\.$/);
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, 'back-office-program.png');

      await page.getByRole('link', { name: 'Audit log' }).click();
      expect(await page.getByTestId('audit-refused').innerText()).toBe(
        'Your roles do not include the audit log.',
      );
      const audit = await page.evaluate(async () => {
        const input = encodeURIComponent(JSON.stringify({ tenantId: 'moda-rossi' }));
        const res = await fetch(`/trpc/reconciliation/audit.search?input=${input}`, {
          headers: { 'x-scontrino-back-office': '1' },
        });
        return res.status;
      });
      expect(audit).toBe(403);
      expect(errors).toEqual([]);
      await context.close();
    });

    it('the admin publishes a dry-run draft as version 2, then finds it and the analyst’s decision in the audit log, and exports it', async () => {
      const { context, page, errors } = await tablet();
      await signInAs(page, 'admin');
      await page.goto(`${stack.app.url}/#program`);
      // The analyst's saved draft is waiting, as she left it (Silver from 1 point).
      const json = page.getByLabel("Draft's configuration (JSON)");
      await json.waitFor({ timeout: 20_000 });
      expect(await page.getByTestId('draft-status').innerText()).toMatch(/^Saved by demo-crm-analyst on /);
      const config = JSON.parse(await json.inputValue()) as { tiers: { levels: { threshold: number }[] } };
      expect(config.tiers.levels[1]!.threshold).toBe(1);
      config.tiers.levels[1]!.threshold = 400;
      await json.fill(JSON.stringify(config, null, 2));
      const publish = page.getByRole('button', { name: 'Publish as a new version' });
      // Not before the draft, as it stands, has been dry-run.
      expect(await publish.isDisabled()).toBe(true);
      await page.getByRole('button', { name: 'Dry run on the real history' }).click();
      await page.getByTestId('tier-moves').waitFor({ timeout: 20_000 });
      await page.getByLabel('Note for the history').fill('Silver from 400 points');
      await publish.click();
      await page.getByRole('status').filter({ hasText: 'Version 2 published.' }).waitFor({ timeout: 20_000 });
      await expect
        .poll(() => page.getByTestId('program-versions').locator('[data-version="2"]').innerText())
        .toMatch(/Silver from 400 points/);
      // Published, the team's draft is done with: nobody finds it when they open the program next.
      expect(await stack.loyalty.loyalty.programDrafts.get('moda-rossi')).toBeNull();

      await page.getByRole('link', { name: 'Audit log' }).click();
      await page.getByLabel('Action (e.g. links.cut)').fill('program.activate');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      const rows = page.getByTestId('audit-entries').locator('tbody tr');
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBe(1);
      expect(await rows.first().innerText()).toMatch(/loyalty[\s\S]*program\.activate[\s\S]*done/);

      await page.getByLabel('Action (e.g. links.cut)').fill('');
      await page.getByLabel('Service').selectOption('reconciliation');
      await page.getByLabel('Target', { exact: true }).selectOption('suggestionId');
      await page.getByLabel("Target's id").fill(stack.lookAlikes.suggestionId);
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect
        .poll(() => rows.first().getAttribute('data-action'), { timeout: 20_000 })
        .toBe('suggestions.accept');
      expect(await rows.count()).toBe(1);
      expect(await rows.first().innerText()).toContain('same customer, domain mistyped at the till');
      expect(await seriousViolations(page)).toEqual([]);

      // Every service's log, whatever its page: the CSV has the publication and the decision.
      await page.getByLabel('Service').selectOption('all');
      await page.getByLabel('Target', { exact: true }).selectOption('');
      await page.getByRole('button', { name: 'Search', exact: true }).click();
      await expect.poll(() => rows.count(), { timeout: 20_000 }).toBeGreaterThan(3);
      const services = new Set(await rows.locator('td:nth-child(2)').allInnerTexts());
      expect(services).toEqual(new Set(['receipts', 'loyalty', 'identity']));
      await screenshot(page, 'back-office-audit.png');
      const download = page.waitForEvent('download');
      await page.getByRole('button', { name: 'Export CSV' }).click();
      const lines = (await readFile(await (await download).path(), 'utf8')).split('\r\n');
      expect(lines[0]).toBe('at,service,actor,roles,action,kind,tenant,target,reason,outcome,error,request');
      expect(lines.some((line) => /,loyalty,.*,program\.activate,change,moda-rossi,/.test(line))).toBe(true);
      expect(lines.some((line) => line.includes('same customer, domain mistyped at the till'))).toBe(true);
      const times = lines.slice(1, -1).map((line) => line.split(',')[0] ?? '');
      expect(times).toEqual([...times].sort().reverse());
      expect(errors).toEqual([]);
      await context.close();
    });

    it('the store manager and support are refused the review queue, the program and the audit log, by the page and by the services', async () => {
      for (const label of ['store manager (Milano)', 'support desk']) {
        const { context, page, errors } = await tablet();
        await signInAs(page, label);
        for (const [link, testId] of [
          ['Identity review', 'review-refused'],
          ['Loyalty program', 'program-refused'],
          ['Audit log', 'audit-refused'],
        ] as const) {
          await page.getByRole('link', { name: link }).click();
          await page.getByTestId(testId).waitFor();
        }
        expect(await seriousViolations(page)).toEqual([]);
        const statuses = await page.evaluate(async () => {
          const get = async (path: string, input: unknown) =>
            (
              await fetch(`/trpc/${path}?input=${encodeURIComponent(JSON.stringify(input))}`, {
                headers: { 'x-scontrino-back-office': '1' },
              })
            ).status;
          return [
            await get('reconciliation/suggestions.list', { tenantId: 'moda-rossi' }),
            await get('loyalty/program.current', { tenantId: 'moda-rossi' }),
            await get('receipt/audit.search', { tenantId: 'moda-rossi' }),
          ];
        });
        expect(statuses).toEqual([403, 403, 403]);
        expect(errors).toEqual([]);
        await context.close();
      }
    });

    it('refuses calls without the page header, and a sign-in nobody started', async () => {
      const res = await fetch(
        `${stack.app.url}/trpc/receipt/kpis.salesDaily?input=${encodeURIComponent(JSON.stringify(november))}`,
      );
      expect(res.status).toBe(403);
      expect((await fetch(`${stack.app.url}/trpc/loyalty/members.me`)).status).toBe(404);
      expect((await fetch(`${stack.app.url}/trpc/reconciliation/privacy.erase`)).status).toBe(404);
      expect((await fetch(`${stack.app.url}/trpc/receipt/..%2f..%2freadyz`)).status).toBe(400);
      expect((await fetch(`${stack.app.url}/auth/callback?code=x&state=y`)).status).toBe(400);
    });
  },
);
