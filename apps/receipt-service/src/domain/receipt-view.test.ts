import { validatePosTransaction } from '@scontrino/contracts';
import { describe, expect, it } from 'vitest';
import type { ReceiptRecord } from './receipt-record.js';
import { buildReceiptView } from './receipt-view.js';
import {
  docSaleRecord,
  freeSaleRecord,
  milanStore,
  returnRecord,
  weighedSaleRecord,
} from './receipt-view.fixtures.js';

// Intl separates amounts and units with no-break spaces; tests compare with plain ones.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');

function withOccurredAt(record: ReceiptRecord, occurredAt: string): ReceiptRecord {
  return { ...record, transaction: { ...record.transaction, occurredAt } };
}

describe('receipt view fixtures', () => {
  it.each([docSaleRecord(), weighedSaleRecord(), returnRecord(), freeSaleRecord()])(
    'transaction $transaction.transactionId is valid against the POS contract',
    ({ transaction }) => {
      const result = validatePosTransaction(transaction, { now: new Date('2027-01-01T00:00:00Z') });
      expect(result.ok ? [] : result.issues).toEqual([]);
    },
  );
});

describe('buildReceiptView', () => {
  it('writes the same sale in Italian and in American English', () => {
    const italian = buildReceiptView(docSaleRecord());
    const american = buildReceiptView(docSaleRecord(), { locale: 'en-US' });

    expect(italian.locale).toBe('it-IT');
    expect(plain(italian.totals.total)).toBe('154,91 €');
    expect(italian.totals.totalLabel).toBe('Totale');
    expect(plain(italian.totals.discountTotal ?? '')).toBe('-5,00 €');
    expect(italian.issuedAt).toMatchObject({ date: '22 novembre 2026', time: '10:15' });
    expect(italian.emailSubject).toBe('Il tuo scontrino da Moda Rossi Milano');

    expect(american.locale).toBe('en-US');
    expect(american.totals.total).toBe('€154.91');
    expect(american.issuedAt.date).toBe('November 22, 2026');
    expect(plain(american.issuedAt.time)).toBe('10:15 AM');
    expect(american.emailSubject).toBe('Your receipt from Moda Rossi Milano');
  });

  it('takes the language from the transaction, then the store, then falls back to en-US', () => {
    const record = docSaleRecord();
    const inFrench = { ...record, transaction: { ...record.transaction, locale: 'fr-FR' } };
    expect(buildReceiptView(inFrench).locale).toBe('it-IT');

    const frenchStore = { ...inFrench, store: { ...inFrench.store, defaultLocale: 'fr-FR' } };
    expect(buildReceiptView(frenchStore)).toMatchObject({ locale: 'en-US', title: 'Receipt' });
  });

  it('dates a receipt in the store time zone, across the spring DST change', () => {
    const beforeChange = buildReceiptView(withOccurredAt(weighedSaleRecord(), '2026-03-29T00:30:00Z'));
    const afterChange = buildReceiptView(withOccurredAt(weighedSaleRecord(), '2026-03-29T01:30:00Z'));
    expect(beforeChange.issuedAt).toMatchObject({ date: '29 marzo 2026', time: '01:30' });
    expect(afterChange.issuedAt).toMatchObject({ date: '29 marzo 2026', time: '03:30' });
  });

  it('puts a late UTC evening on the next day in Rome in summer time', () => {
    const view = buildReceiptView(withOccurredAt(weighedSaleRecord(), '2026-10-24T22:30:00Z'));
    expect(view.issuedAt).toMatchObject({
      date: '25 ottobre 2026',
      time: '00:30',
      iso: '2026-10-24T22:30:00Z',
    });
  });

  it('shows weighed goods in kg with three decimals and a price per kg', () => {
    const [cheese, bread, apples] = buildReceiptView(weighedSaleRecord()).lines;
    expect(cheese).toMatchObject({ weighed: true, total: '13,32\u00a0€' });
    expect(plain(cheese?.quantityTimesPrice ?? '')).toBe('0,535 kg × 24,90 €/kg');
    expect(plain(apples?.quantity ?? '')).toBe('1,250 kg');
    expect(bread).toMatchObject({ weighed: false, quantity: '1' });
    expect(plain(bread?.quantityTimesPrice ?? '')).toBe('1 × 3,50 €');
  });

  it('lists variant attributes with localised names and line discounts as negative amounts', () => {
    const [jacket] = buildReceiptView(docSaleRecord()).lines;
    expect(jacket?.variant).toBe('Taglia M · Colore blu');
    expect(jacket?.discounts.map((d) => [d.description, plain(d.amount)])).toEqual([
      ['Autunno -10%', '-8,99 €'],
    ]);
    expect(buildReceiptView(docSaleRecord(), { locale: 'en-US' }).lines[0]?.variant).toBe(
      'Size M · Color blu',
    );
  });

  it('shows a split tender: the card by brand and last 4 only, the cash given and the change', () => {
    const view = buildReceiptView(docSaleRecord());
    expect(
      view.payments.map((p) => ({ ...p, amount: plain(p.amount), change: p.change && plain(p.change) })),
    ).toEqual([
      { label: 'Carta Visa •••• 4242', amount: '100,00 €', change: null },
      { label: 'Contanti', amount: '60,00 €', change: '5,09 €' },
    ]);
  });

  it('breaks VAT down per rate into net, tax and gross', () => {
    const view = buildReceiptView(weighedSaleRecord());
    expect(view.vat.map((row) => Object.values(row).map(plain))).toEqual([
      ['4%', '19,16 €', '0,77 €', '19,93 €'],
      ['22%', '1,23 €', '0,27 €', '1,50 €'],
    ]);
  });

  it('titles a return as such and names the sale it returns, once', () => {
    const view = buildReceiptView(returnRecord());
    expect(view).toMatchObject({
      kind: 'return',
      title: 'Return',
      paymentsTitle: 'Refund',
      references: ['Return of sale MI-001-T03-000123'],
    });
    expect(view.totals.totalLabel).toBe('Total refunded');
    expect(buildReceiptView(returnRecord(), { locale: 'it-IT' }).title).toBe('Reso');
  });

  it('names the returns of a sale', () => {
    expect(buildReceiptView(docSaleRecord()).references).toEqual([
      "Articoli resi con l'operazione MI-002-T01-000045",
    ]);
  });

  it('has a loyalty block only when the loyalty service knew the customer', () => {
    expect(buildReceiptView(docSaleRecord()).loyalty).toEqual({
      pointsEarned: '+154',
      available: '1280',
      pending: '154',
      pendingNote:
        'I punti di questo acquisto sono in attesa: potrai usarli dal 22 dicembre 2026, finito il periodo per i resi.',
      tier: 'Gold',
    });
    expect(buildReceiptView(weighedSaleRecord()).loyalty).toBeNull();
  });

  it("says that a sale's points are pending and from when they can be spent, not only a balance of 0", () => {
    const record = docSaleRecord();
    const firstSale = {
      ...record,
      loyalty: {
        pointsEarned: 245,
        balance: 0,
        pending: 245,
        availableFrom: '2027-01-06T10:00:00Z',
        tier: null,
      },
    };
    expect(buildReceiptView(firstSale, { locale: 'en-GB' }).loyalty).toEqual({
      pointsEarned: '+245',
      available: '0',
      pending: '245',
      pendingNote:
        'The points of this purchase are pending: you can use them from 6 January 2027, once the return period is over.',
      tier: null,
    });
    // Points spendable at once (a program without a return window), or a block told before the date was.
    const atOnce = {
      ...firstSale.loyalty,
      pending: 0,
      balance: 245,
      availableFrom: record.transaction.occurredAt,
    };
    expect(buildReceiptView({ ...record, loyalty: atOnce }).loyalty).toMatchObject({
      pending: null,
      pendingNote: null,
    });
    const untold = { ...firstSale.loyalty, availableFrom: null };
    expect(buildReceiptView({ ...record, loyalty: untold }).loyalty).toMatchObject({
      pending: '245',
      pendingNote: null,
    });
  });

  it('has no payments for a sale of 0', () => {
    expect(buildReceiptView(freeSaleRecord()).payments).toEqual([]);
  });

  it("writes every text in the reader's chosen language, the store's footer too when the profile has it", () => {
    const english = buildReceiptView(docSaleRecord(), { language: 'en' });
    expect(english).toMatchObject({ locale: 'en', language: 'en', title: 'Receipt' });
    expect(english.branding).toMatchObject({
      footerLines: ['Exchanges and returns within 30 days with this receipt.', 'Thank you, goodbye!'],
      footerLang: null,
    });
    expect(english.pdfUrl).toBe(`${english.receiptUrl}.pdf?lang=en`);

    // Without a translation the footer stays as written, marked as the store's language.
    const record = docSaleRecord();
    const { footerTranslations: _none, ...untranslated } = record.store.branding;
    const bare = { ...record, store: { ...milanStore(), branding: untranslated } };
    expect(buildReceiptView(bare, { language: 'en' }).branding).toMatchObject({
      footerLines: ['Cambi e resi entro 30 giorni con questo scontrino.', 'Grazie e arrivederci!'],
      footerLang: 'it-IT',
    });
  });

  it("reads a chosen language in the transaction's variant of it, and ignores a language without a catalogue", () => {
    // The return was written for an en-US customer: `en` keeps its US formats, `it` takes the store's.
    expect(buildReceiptView(returnRecord(), { language: 'en' }).locale).toBe('en-US');
    expect(buildReceiptView(returnRecord(), { language: 'it' }).locale).toBe('it-IT');
    expect(buildReceiptView(returnRecord(), { language: 'fr' })).toMatchObject({
      locale: 'en-US',
      pdfUrl: `${returnRecord().receiptUrl}.pdf`,
    });
    // The customer's language first: an en-US return in an Italian store reads in English, footer included.
    expect(buildReceiptView(returnRecord()).branding.footerLines[0]).toBe(
      'Exchanges and returns within 30 days with this receipt.',
    );
  });

  it('keeps the claim URL and links the PDF beside the hosted receipt', () => {
    const view = buildReceiptView(weighedSaleRecord());
    expect(view.claimUrl).toBe('https://receipts.example.com/c/claim-code-weighed-sale');
    expect(view.pdfUrl).toBe(`${view.receiptUrl}.pdf`);
    expect(buildReceiptView(docSaleRecord()).claimUrl).toBeNull();
  });

  it('carries the store identity and branding, the footer split into lines', () => {
    const view = buildReceiptView(docSaleRecord());
    expect(view.store).toEqual({
      name: 'Moda Rossi Milano',
      legalName: 'Moda Rossi S.r.l.',
      addressLines: ['Corso Buenos Aires 21', '20124 Milano MI'],
      vatNumber: 'IT01234567890',
    });
    expect(view.branding).toEqual({
      accentColor: '#8a1538',
      onAccentColor: '#ffffff',
      logo: { url: 'https://cdn.example.com/moda-rossi/logo.png', alt: 'Logo Moda Rossi Milano' },
      footerLines: ['Cambi e resi entro 30 giorni con questo scontrino.', 'Grazie e arrivederci!'],
      footerLang: null,
    });
  });
});
