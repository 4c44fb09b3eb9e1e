import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { BROWSER_NOW, type BackOfficeStack } from './back-office-stack.js';

/** A tablet-sized browser in English, its clock on 30 November 2026, collecting the page's errors. */
export async function openTablet(
  browser: Browser,
): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
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
export async function signInAs(stack: BackOfficeStack, page: Page, label: string): Promise<void> {
  await page.goto(stack.app.url);
  await page.getByRole('link', { name: 'Sign in as staff' }).click();
  await page.waitForURL(`${stack.signIn.url}/**`);
  await page.getByRole('button', { name: label, exact: true }).click();
  await page.waitForURL(`${stack.app.url}/`);
  await page.getByRole('heading', { name: 'Who you are' }).waitFor();
}

/** What axe-core calls serious or critical on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter(({ impact }) => impact === 'serious' || impact === 'critical')
    .map(({ id, nodes }) => `${id}: ${nodes.map((node) => node.target.join(' ')).join(', ')}`);
}
