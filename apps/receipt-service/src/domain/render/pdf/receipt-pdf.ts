import PDFDocument from 'pdfkit';
import type { ReceiptView } from '../../receipt-view.js';
import { palette } from '../palette.js';
import { PdfWriter } from './pdf-writer.js';

/**
 * The receipt as an A4 PDF in the standard Helvetica fonts (nothing to embed or fetch). A4 rather
 * than a till roll: the customer downloads it to file or print at home. The logo is not drawn, as
 * it lives at a remote URL; the store name in the accent colour stands in for it.
 */
export function renderReceiptPdf(view: ReceiptView): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: 56,
    lang: view.locale,
    displayTitle: true,
    info: { Title: `${view.title} ${view.transaction.id}`, Author: view.store.name },
  });
  const done = new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  drawReceipt(new PdfWriter(doc), view);
  doc.end();
  return done;
}

function drawReceipt(pdf: PdfWriter, view: ReceiptView): void {
  const { messages, store, transaction: tx, totals, branding } = view;
  pdf.banner(store.name, branding.accentColor, branding.onAccentColor);
  pdf.text(`${store.legalName} · ${store.addressLines.join(', ')}`, { muted: true });
  pdf.text(`${messages.vatNumber} ${store.vatNumber}`, { muted: true });

  pdf.gap();
  pdf.title(view.title);
  pdf.text(`${view.issuedAt.date}, ${view.issuedAt.time}`);
  const till = [`${messages.store} ${tx.storeId}`, `${messages.terminal} ${tx.terminalId}`];
  if (tx.cashierId !== null) till.push(`${messages.cashier} ${tx.cashierId}`);
  pdf.text(`${messages.transaction} ${tx.id} · ${till.join(' · ')}`, { muted: true });
  for (const reference of view.references) pdf.text(reference, { bold: true });

  pdf.heading(messages.items);
  for (const line of view.lines) {
    const details = [
      line.variant,
      line.quantityTimesPrice,
      ...line.discounts.map((d) => `${d.description} ${d.amount}`),
    ];
    pdf.item(
      line.name,
      line.total,
      details.filter((detail) => detail !== null),
    );
  }

  pdf.rule();
  pdf.row(messages.subtotal, totals.subtotal);
  for (const discount of view.basketDiscounts) pdf.row(discount.description, discount.amount);
  pdf.row(totals.totalLabel, totals.total, { large: true });
  pdf.row(messages.vatIncluded, totals.taxTotal, { muted: true });

  pdf.heading(messages.vatSummary);
  pdf.columns([messages.vatRate, messages.vatNet, messages.vatTax, messages.vatGross], { muted: true });
  for (const vat of view.vat) pdf.columns([vat.rate, vat.net, vat.tax, vat.gross]);

  if (view.payments.length > 0) pdf.heading(view.paymentsTitle);
  for (const payment of view.payments) {
    pdf.row(payment.label, payment.amount);
    if (payment.change) pdf.row(messages.change, payment.change);
  }

  const { loyalty } = view;
  if (loyalty) {
    pdf.heading(messages.loyalty);
    pdf.row(messages.pointsEarned, loyalty.pointsEarned);
    pdf.row(messages.pointsAvailable, loyalty.available);
    if (loyalty.pending !== null) pdf.row(messages.pointsPending, loyalty.pending);
    if (loyalty.tier !== null) pdf.row(messages.tier, loyalty.tier);
    if (loyalty.pendingNote !== null) pdf.text(loyalty.pendingNote, { muted: true });
  }
  if (view.claimUrl) {
    pdf.heading(messages.claimTitle);
    pdf.text(messages.claimHint);
    pdf.link(view.claimUrl, branding.accentColor);
  }

  pdf.gap();
  pdf.rule();
  for (const line of branding.footerLines) pdf.text(line, { muted: true });
  pdf.link(view.receiptUrl, palette.light.muted);
}
