import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { TEST_PUBLIC_URL } from '@scontrino/receipt-service/testing';
import { mailSink } from '@scontrino/testing';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM, hasChromium, launchChromium } from './chromium.js';
import {
  eventually,
  JOURNEY_NOW,
  type JourneyStack,
  memberWithSale,
  startJourneyStack,
} from './journey-stack.js';

const outputDir = fileURLToPath(new URL('../../test-output/', import.meta.url));
const SESSION_KEY = 'scontrino.loyalty.session';

let stack: JourneyStack;
let browser: Browser;
let member: { email: string; memberId: string };

/** A phone-sized browser in the given language, its clock at the services' time. */
async function phone(
  locale: string,
): Promise<{ context: BrowserContext; page: Page; errors: string[]; refused: string[] }> {
  const context = await browser.newContext({
    locale,
    timezoneId: 'Europe/Rome',
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
  });
  const page = await context.newPage();
  await page.clock.setFixedTime(JOURNEY_NOW);
  const errors: string[] = [];
  const refused: string[] = [];
  // Console errors include CSP violations: the built app must run under the preview's policy.
  // Refused requests are listed apart (Chromium also logs each one as a console error).
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
      errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('response', (response) => {
    if (response.status() >= 400) refused.push(`${response.status()} ${new URL(response.url()).pathname}`);
  });
  return { context, page, errors, refused };
}

/** Intl separates thousands and currency with no-break spaces; the tests write plain ones. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ').trim();

describe.skipIf(!hasChromium)(
  hasChromium
    ? 'the loyalty app in headless Chromium'
    : `the loyalty app: SKIPPED, ${CHROMIUM} is not installed`,
  () => {
    beforeAll(async () => {
      mkdirSync(outputDir, { recursive: true });
      stack = await startJourneyStack();
      browser = await launchChromium();
      member = await memberWithSale(stack);
    });
    afterAll(async () => {
      await browser?.close();
      await stack?.close();
    });

    it('when a member signs in with the emailed code, then home, history and receipts show the sale at the till', async () => {
      const earn = await eventually(async () => {
        const entries = await stack.loyalty.loyalty.store.ledger.entriesOf(member.memberId);
        return entries.find((entry) => entry.kind === 'earn');
      }, 'the sale credited to the member');
      if (earn.kind !== 'earn') throw new Error('expected an earn entry');
      expect(earn.pending).toBeGreaterThan(0);

      const { context, page, errors, refused } = await phone('it-IT');
      await page.goto(stack.app.url);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Accedi');
      expect(await page.locator('html').getAttribute('lang')).toBe('it');
      await page.getByLabel('Email').fill(member.email);
      await page.screenshot({ path: `${outputDir}loyalty-app-sign-in.png` });
      await page.getByRole('button', { name: 'Invia il codice' }).click();
      await page.getByRole('heading', { name: 'Controlla la posta' }).waitFor();

      // Asked from the Italian app, the code's e-mail is in Italian too.
      const mail = await mailSink.waitFor({ to: member.email, subject: /codice di accesso/ });
      const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
      if (!code) throw new Error(`no code in the mail: ${mail.text}`);
      expect(mail.text).toContain(`Il tuo codice di accesso è ${code}.`);
      // A wrong code first: the error is shown and the member can try again.
      await page.getByLabel('Codice di 6 cifre').fill(code === '000000' ? '111111' : '000000');
      await page.getByRole('button', { name: 'Accedi' }).click();
      expect(await page.getByRole('alert').innerText()).toContain('Codice errato o scaduto');
      await page.getByLabel('Codice di 6 cifre').fill(code);
      await page.getByRole('button', { name: 'Accedi' }).click();

      await page.getByRole('heading', { name: 'I tuoi punti' }).waitFor();
      const stored = JSON.parse(
        (await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY)) ?? '{}',
      ) as {
        token?: string;
      };
      if (!stored.token) throw new Error('the app kept no session token');
      const summary = await stack.loyalty.app(stored.token).me.summary.query();
      await page.getByTestId('pending').waitFor();
      expect(plain(await page.getByTestId('pending').innerText())).toBe(`${earn.pending} punti`);
      expect(summary.balance.pending).toBe(earn.pending);
      expect(plain(await page.getByTestId('available').innerText())).toBe(String(summary.balance.available));
      expect(plain(await page.getByTestId('expiring').innerText())).toBe(`${summary.expiring.points} punti`);
      expect(await page.getByTestId('tier').innerText()).toBe(summary.tier?.name);
      const next = summary.progress?.next;
      if (!next) throw new Error('the demo program has a tier above the first');
      expect(plain(await page.getByTestId('tier-missing').innerText())).toBe(
        `Ancora ${next.missing} punti per il livello ${next.name}.`,
      );
      expect(await page.locator('progress.tier__bar').getAttribute('max')).toBe(String(next.threshold));
      await page.screenshot({ path: `${outputDir}loyalty-app-home.png`, fullPage: true });

      await page.getByRole('link', { name: 'Movimenti' }).click();
      await page.getByRole('heading', { name: 'Movimenti' }).waitFor();
      const entry = page.locator('li.entry[data-kind="earn"]');
      await entry.waitFor();
      expect(await entry.locator('.entry__kind').innerText()).toBe('Acquisto');
      expect(plain(await entry.locator('.entry__amount').innerText())).toMatch(
        new RegExp(`^\\+${earn.pending}\\s*in attesa$`, 'i'),
      );
      expect(await entry.getAttribute('class')).toContain('entry--gain');
      // In Italian, with the app's own words and formats: none of the ledger's English sentences.
      const until = earn.moves[0]?.opens?.activatesAt;
      if (!until) throw new Error('the earn entry opened no batch');
      const untilDay = new Intl.DateTimeFormat('it-IT', {
        dateStyle: 'medium',
        timeZone: 'Europe/Rome',
      }).format(until);
      expect(plain(await entry.locator('.entry__explanation').innerText())).toBe(
        `${earn.pending} punti guadagnati con l’acquisto ${earn.sale.transactionId}: in attesa fino al ${untilDay}, poi disponibili.`,
      );
      const lines = (await entry.locator('.entry__lines li').allInnerTexts()).map(plain);
      expect(lines).toHaveLength(earn.lines.length);
      for (const line of lines) expect(line).toMatch(/^Riga \d+: \d+ punt[oi] = [\d.,]+ € × 1( × |$)/);
      expect(lines.join('\n')).toMatch(/campagna AUTUNNO ×2/);
      expect(lines.join('\n')).not.toMatch(/\bpts\b|\bline\b|earned|pending|EUR/);
      await page.screenshot({ path: `${outputDir}loyalty-app-history.png`, fullPage: true });

      await page.getByRole('link', { name: 'Scontrini' }).click();
      const receipt = page.locator('li.receipt').first();
      await receipt.waitFor();
      // The label is for screen readers only: the text content, not the rendered lines.
      expect(plain((await receipt.locator('.receipt__total').textContent()) ?? '')).toBe('Totale: 154,91 €');
      // The store by the name its customers know, not by its code.
      expect(plain(await receipt.locator('.receipt__meta span').innerText())).toBe(
        'Moda Rossi Milano Centro',
      );
      const open = receipt.getByRole('link', { name: /Apri lo scontrino/ });
      expect(await open.getAttribute('href')).toMatch(new RegExp(`^${TEST_PUBLIC_URL}/r/`));
      expect(await open.getAttribute('target')).toBe('_blank');
      expect(await open.getAttribute('rel')).toBe('noopener noreferrer');
      await page.screenshot({ path: `${outputDir}loyalty-app-receipts.png`, fullPage: true });

      await page.getByRole('link', { name: 'Carta' }).click();
      await page.getByRole('heading', { name: 'La tua carta' }).waitFor();
      await page.getByTestId('card-number').waitFor();
      expect(plain(await page.getByTestId('card-number').innerText())).toBe('2900 0000 1234 5');
      const qr = page.getByRole('img', { name: 'Codice QR della carta numero 2900 0000 1234 5' });
      await qr.waitFor();
      // Drawn: the data: image passed the page's CSP and decoded.
      expect(await qr.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
      await page.screenshot({ path: `${outputDir}loyalty-app-card.png`, fullPage: true });

      await page.getByRole('button', { name: 'Esci' }).click();
      await page.getByRole('heading', { name: 'Accedi' }).waitFor();
      expect(await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY)).toBeNull();
      expect(errors).toEqual([]);
      // Only the wrong code was refused.
      expect(refused).toEqual(['401 /trpc/auth.signIn']);
      await context.close();
    });

    it('when the browser prefers English, then the app speaks English, and switching to Italian sticks', async () => {
      const { context, page, errors } = await phone('en-US');
      await page.goto(stack.app.url);
      expect(await page.getByRole('heading', { level: 1 }).innerText()).toBe('Sign in');
      expect(await page.locator('html').getAttribute('lang')).toBe('en');
      expect(await page.getByRole('button', { name: 'Send the code' }).count()).toBe(1);
      await page.getByRole('button', { name: 'Send the code' }).click();
      expect(await page.getByRole('alert').innerText()).toBe(
        'Please check the email address: it looks incomplete.',
      );
      await page.screenshot({ path: `${outputDir}loyalty-app-sign-in-en.png` });

      await page.getByLabel('Language').selectOption('it');
      await page.getByRole('heading', { name: 'Accedi' }).waitFor();
      expect(await page.locator('html').getAttribute('lang')).toBe('it');
      await page.reload();
      await page.getByRole('heading', { name: 'Accedi' }).waitFor();
      expect(errors).toEqual([]);
      await context.close();
    });

    it('when the stored session token is refused (expired or forged), then the app drops it and asks to sign in again', async () => {
      const { context, page } = await phone('it-IT');
      // Seeded once: after the app drops it, a reload must not bring it back.
      await page.addInitScript(
        ({ key, value }) => {
          if (!sessionStorage.getItem(`${key}.seeded`)) {
            sessionStorage.setItem(key, value);
            sessionStorage.setItem(`${key}.seeded`, '1');
          }
        },
        {
          key: SESSION_KEY,
          value: JSON.stringify({ token: 'forged.token', email: member.email, expiresAt: null }),
        },
      );
      await page.goto(stack.app.url);
      await page.getByRole('heading', { name: 'Accedi' }).waitFor();
      expect(await page.getByRole('status').innerText()).toBe('La sessione è scaduta: accedi di nuovo.');
      expect(await page.evaluate((key) => sessionStorage.getItem(key), SESSION_KEY)).toBeNull();
      await context.close();
    });
  },
);
