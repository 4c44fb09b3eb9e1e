import { existsSync } from 'node:fs';
import nodemailer from 'nodemailer';
import { type Browser, chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from './index.js';
import type { ReceivedMail } from './received-mail.js';

/** Debian's Chromium: tests never download a browser of their own. */
const CHROMIUM = '/usr/bin/chromium';
const hasChromium = existsSync(CHROMIUM);

/** A receipt-like mail far taller than a screen, its totals at the very end. */
const tallReceipt = `<!doctype html><html><body style="margin:0;font:16px sans-serif">
<table width="100%">${Array.from({ length: 60 }, (_, i) => `<tr><td>Line ${i + 1}</td><td>9,99 €</td></tr>`).join('')}</table>
<p id="total" style="font-size:24px">Totale 599,40 €</p></body></html>`;

describe.skipIf(!hasChromium)(
  hasChromium ? 'mail viewer in headless Chromium' : `mail viewer: SKIPPED, ${CHROMIUM} is not installed`,
  () => {
    let sink: MailSink;
    let browser: Browser;

    beforeAll(async () => {
      sink = await startMailSink();
      browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
      });
    });
    afterAll(async () => {
      await browser?.close();
      await sink?.stop();
    });

    it('when a long HTML mail is opened, then its frame is as tall as the message: the totals show without scrolling inside it', async () => {
      const transport = nodemailer.createTransport({
        host: sink.smtpHost,
        port: sink.smtpPort,
        secure: false,
      });
      await transport.sendMail({
        from: 'receipts@bottega.test',
        to: 'anna@example.test',
        subject: 'Il tuo scontrino',
        text: 'Totale 599,40 €',
        html: tallReceipt,
      });
      const [mail] = (await (await fetch(`${sink.webUrl}/api/mails`)).json()) as ReceivedMail[];

      const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
      const errors: string[] = [];
      // CSP refusals included; the browser's own look for /favicon.ico (a 404) is not one.
      page.on('console', (message) => {
        if (message.type() === 'error' && !message.text().startsWith('Failed to load resource'))
          errors.push(message.text());
      });
      await page.goto(`${sink.webUrl}/mails/${mail?.id}`);
      const frame = page.frameLocator('iframe[title="HTML body"]');
      await frame.locator('#total').waitFor();

      const frameBox = await page.locator('iframe[title="HTML body"]').boundingBox();
      const total = await frame.locator('#total').boundingBox();
      // This package compiles without the DOM's types: the element's two figures, typed here.
      type Scrolling = { scrollHeight: number; clientHeight: number };
      const content = await frame.locator('html').evaluate((html: Scrolling) => ({
        scrollHeight: html.scrollHeight,
        clientHeight: html.clientHeight,
      }));
      expect(content.scrollHeight).toBeGreaterThan(1200);
      // No scroll bar inside the frame: the whole message fits in it, totals included.
      expect(content.clientHeight).toBeGreaterThanOrEqual(content.scrollHeight);
      expect(frameBox && total && total.y + total.height <= frameBox.y + frameBox.height).toBe(true);
      expect(errors).toEqual([]);
      await page.close();
    });

    it("when the mail's HTML carries a script, then it does not run", async () => {
      const transport = nodemailer.createTransport({
        host: sink.smtpHost,
        port: sink.smtpPort,
        secure: false,
      });
      await transport.sendMail({
        from: 'receipts@bottega.test',
        to: 'script@example.test',
        subject: 'Scripted',
        html: '<p id="p">before</p><script>document.getElementById("p").textContent = "ran"</script><img src="x" onerror="document.title=\'ran\'">',
      });
      const mails = (await (
        await fetch(`${sink.webUrl}/api/mails?to=script@example.test`)
      ).json()) as ReceivedMail[];
      const page = await browser.newPage();
      await page.goto(`${sink.webUrl}/mails/${mails[0]?.id}`);
      const frame = page.frameLocator('iframe[title="HTML body"]');
      await frame.locator('#p').waitFor();
      expect(await frame.locator('#p').innerText()).toBe('before');
      expect(await page.title()).toBe('Scripted');
      await page.close();
    });
  },
);
