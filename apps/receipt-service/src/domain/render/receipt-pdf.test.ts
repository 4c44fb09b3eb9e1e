import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { describe, expect, it } from 'vitest';
import { buildReceiptView } from '../receipt-view.js';
import { docSaleRecord, saleLine, weighedSaleRecord, withLines } from '../receipt-view.fixtures.js';
import { toWinAnsi } from './pdf/pdf-writer.js';
import { renderReceiptPdf } from './pdf/receipt-pdf.js';

// pdf.js draws the 14 standard fonts from its own font files; without them it warns on every page.
const standardFontDataUrl = `${join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'standard_fonts')}/`;

async function pdfText(pdf: Buffer): Promise<{ pages: number; text: string }> {
  const doc = await getDocument({ data: new Uint8Array(pdf), standardFontDataUrl }).promise;
  const texts: string[] = [];
  for (let number = 1; number <= doc.numPages; number++) {
    const content = await (await doc.getPage(number)).getTextContent();
    texts.push(content.items.map((item) => ('str' in item ? item.str : '')).join('\n'));
  }
  await doc.destroy();
  return { pages: doc.numPages, text: texts.join('\n').replace(/[\u00a0\u202f]/g, ' ') };
}

describe('renderReceiptPdf', () => {
  it('holds the title, the lines, the total and each VAT line', async () => {
    const { pages, text } = await pdfText(await renderReceiptPdf(buildReceiptView(weighedSaleRecord())));
    expect(pages).toBe(1);
    for (const expected of [
      'Scontrino',
      'Parmigiano Reggiano 24 mesi',
      '0,535 kg × 24,90 €/kg',
      'Totale',
      '21,43 €',
    ]) {
      expect(text).toContain(expected);
    }
    for (const expected of ['4%', '19,16 €', '0,77 €', '22%', '1,23 €', '0,27 €'])
      expect(text).toContain(expected);
  });

  it('when the basket is long, then it runs over pages and still ends with the payments', async () => {
    const lines = Array.from({ length: 80 }, (_, i) =>
      saleLine(String(i), 'Camicia elegante', 2, 3950, '22', 7900),
    );
    const long = withLines(docSaleRecord(), lines);
    const { pages, text } = await pdfText(
      await renderReceiptPdf(buildReceiptView(long, { locale: 'en-US' })),
    );
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain('€154.91');
    expect(text).toContain('Card Visa •••• 4242');
  });
});

describe('toWinAnsi', () => {
  it('keeps what the standard fonts can draw and replaces the rest', () => {
    expect(toWinAnsi('10:15\u202fAM – 5,09\u00a0€ • Café')).toBe('10:15\u00a0AM – 5,09\u00a0€ • Café');
    expect(toWinAnsi('\u22128,99 寿司')).toBe('-8,99 ??');
  });
});
