import { describe, expect, it } from 'vitest';
import type { ReceiptRecord } from '../receipt-record.js';
import { buildReceiptView } from '../receipt-view.js';
import {
  docSaleRecord,
  freeSaleRecord,
  returnRecord,
  saleLine,
  weighedSaleRecord,
  withLines,
} from '../receipt-view.fixtures.js';
import { renderReceiptEmail } from './receipt-email.js';

const GMAIL_CLIP_BYTES = 100 * 1024;
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

/** A basket of `count` lines, each with a variant and a discount, for size checks. */
function bigBasket(count: number): ReceiptRecord {
  const lines = Array.from({ length: count }, (_, i) => ({
    ...saleLine(String(i + 1), 'Parmigiano Reggiano 24 mesi', 0.535, 2490, '4', 1232),
    variant: { size: 'L', color: 'verde bosco' },
    discounts: [{ description: 'Promo 3x2 sui formaggi', amount: 100 }],
  }));
  return withLines(weighedSaleRecord(), lines);
}

describe('renderReceiptEmail', () => {
  it('when Italian, then the subject, HTML and text all carry the total and each VAT line', () => {
    const email = renderReceiptEmail(buildReceiptView(weighedSaleRecord()));
    expect(email.subject).toBe('Il tuo scontrino da Moda Rossi Milano');
    const html = plain(email.html);
    for (const expected of ['21,43 €', '4%', '0,77 €', '19,93 €', '22%', '0,27 €', '1,50 €']) {
      expect(html).toContain(expected);
      expect(email.text).toContain(expected);
    }
  });

  it('when American, then the subject and amounts follow en-US', () => {
    const email = renderReceiptEmail(buildReceiptView(docSaleRecord(), { locale: 'en-US' }));
    expect(email.subject).toBe('Your receipt from Moda Rossi Milano');
    expect(email.html).toContain('€154.91');
    expect(email.text).toMatch(/^TOTAL +€154\.91$/m);
  });

  it('aligns the plain-text amounts on one right margin', () => {
    const { text } = renderReceiptEmail(buildReceiptView(docSaleRecord()));
    const amountLines = text.split('\n').filter((line) => / €$/.test(line) && !line.startsWith(' '));
    expect(amountLines.length).toBeGreaterThan(6);
    expect(new Set(amountLines.map((line) => line.length))).toEqual(new Set([48]));
  });

  it('lays out with tables and inline styles, and sets text and background colours for dark mode', () => {
    const { html } = renderReceiptEmail(buildReceiptView(docSaleRecord()));
    expect(html).toMatch(/^<!DOCTYPE html><html lang="it-IT">/);
    expect(html).toContain('<table role="presentation"');
    expect(html).toContain('<meta name="color-scheme" content="light dark"/>');
    expect(html).toContain('@media (prefers-color-scheme: dark)');
    expect(html).toMatch(/<td[^>]*style="background-color:#8a1538;color:#ffffff;/);
  });

  it('reads without images: the logo has alt text and the store name is written out', () => {
    const { html } = renderReceiptEmail(buildReceiptView(docSaleRecord()));
    expect(html).toMatch(
      /<img src="https:\/\/cdn\.example\.com\/moda-rossi\/logo\.png" alt="Logo Moda Rossi Milano"/,
    );
    expect(html.match(/Moda Rossi Milano/g)?.length).toBeGreaterThanOrEqual(3);
  });

  it('escapes markup in a product name and has no script', () => {
    const record = withLines(docSaleRecord(), [
      saleLine('1', '<b>Giacca</b> & <script>alert(1)</script>', 1, 8990, '22', 8990),
    ]);
    const { html, text } = renderReceiptEmail(buildReceiptView(record));
    expect(html).toContain('&lt;b>Giacca&lt;/b> &amp; &lt;script>alert(1)&lt;/script>');
    expect(html).not.toMatch(/<script|<b>/i);
    expect(text).toContain('<b>Giacca</b> & <script>alert(1)</script>');
  });

  it('has the claim button for a claimable sale and the loyalty block only for a member', () => {
    const anonymous = renderReceiptEmail(buildReceiptView(weighedSaleRecord()));
    expect(anonymous.html).toContain('href="https://receipts.example.com/c/claim-code-weighed-sale"');
    expect(anonymous.html).not.toContain('Programma fedeltà');
    const member = renderReceiptEmail(buildReceiptView(docSaleRecord()));
    expect(member.html).toContain('Programma fedeltà');
    expect(member.text).toMatch(/^Punti disponibili +1280$/m);
  });

  it("says in the HTML and the text that a sale's points are pending, and until when", () => {
    const { html, text } = renderReceiptEmail(buildReceiptView(docSaleRecord()));
    const note = 'I punti di questo acquisto sono in attesa: potrai usarli dal 22 dicembre 2026';
    expect(html).toContain(note);
    expect(html).toContain('Punti in attesa');
    expect(text).toMatch(/^Punti in attesa +154$/m);
    // Wrapped to the text's width, the sentence is all there.
    expect(text.replace(/\n(?=\S)/g, ' ')).toContain(`${note}, finito il periodo per i resi.`);
    expect(text).toMatch(/^I punti di questo acquisto sono in attesa:$/m);
  });

  it('leaves the payments out, heading and all, of a sale of 0 in the HTML and the text', () => {
    const { html, text } = renderReceiptEmail(buildReceiptView(freeSaleRecord()));
    expect(html).not.toContain('Pagamento');
    expect(text).not.toContain('Pagamento');
    expect(renderReceiptEmail(buildReceiptView(weighedSaleRecord())).text).toMatch(/^Pagamento$/m);
  });

  it("prints the store's footer in the customer's language, or marks the language it is written in", () => {
    const english = renderReceiptEmail(buildReceiptView(returnRecord()));
    expect(english.html).toContain('Exchanges and returns within 30 days with this receipt.');
    expect(english.text).toContain('Exchanges and returns within 30 days with this receipt.');
    expect(english.html).not.toContain('Cambi e resi');
    const record = returnRecord();
    const { footerTranslations: _none, ...untranslated } = record.store.branding;
    const bare = renderReceiptEmail(
      buildReceiptView({ ...record, store: { ...record.store, branding: untranslated } }),
    );
    expect(bare.html).toMatch(/<p lang="it-IT"[^>]*>Cambi e resi entro 30 giorni/);
  });

  it.each([
    ['a usual receipt', weighedSaleRecord()],
    ['a basket of 100 lines', bigBasket(100)],
  ])('stays under the 100 KB Gmail clips at for %s', (_name, record) => {
    const { html } = renderReceiptEmail(buildReceiptView(record));
    expect(Buffer.byteLength(html)).toBeLessThan(GMAIL_CLIP_BYTES);
  });
});
