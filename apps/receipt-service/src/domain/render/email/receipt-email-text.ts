import type { ReceiptView } from '../../receipt-view.js';

/** Characters per line: fits a phone screen in a monospaced font and an 80-column terminal. */
const TEXT_WIDTH = 48;

const rule = '-'.repeat(TEXT_WIDTH);

/** `left` and `right` on one line, `right` flush with the margin; `right` drops a line when both do not fit. */
function row(left: string, right: string): string {
  const gap = TEXT_WIDTH - left.length - right.length;
  if (gap >= 1) return left + ' '.repeat(gap) + right;
  return `${left}\n${right.padStart(TEXT_WIDTH)}`;
}

/** Words over lines of at most {@link TEXT_WIDTH} characters (a longer word keeps a line of its own). */
function wrap(sentence: string): string[] {
  const lines: string[] = [];
  for (const word of sentence.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= TEXT_WIDTH)
      lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

/** Columns of equal width, the first flush left and the others flush right. */
function columns(cells: string[]): string {
  const width = Math.floor(TEXT_WIDTH / cells.length);
  return cells.map((cell, i) => (i === 0 ? cell.padEnd(width) : cell.padStart(width))).join('');
}

/** The plain-text alternative of the receipt email: the same content as the HTML, aligned in columns. */
export function receiptEmailText(view: ReceiptView): string {
  const { messages, store, transaction: tx, totals } = view;
  const till = [
    `${messages.store} ${tx.storeId}`,
    `${messages.terminal} ${tx.terminalId}`,
    ...(tx.cashierId === null ? [] : [`${messages.cashier} ${tx.cashierId}`]),
  ].join(' · ');

  const out: string[] = [
    store.name.toUpperCase(),
    store.legalName,
    ...store.addressLines,
    `${messages.vatNumber} ${store.vatNumber}`,
    '',
    view.title.toUpperCase(),
    `${view.issuedAt.date}, ${view.issuedAt.time}`,
    `${messages.transaction} ${tx.id}`,
    till,
    ...view.references,
    rule,
  ];
  for (const line of view.lines) {
    out.push(row(line.name, line.total));
    if (line.variant) out.push(`  ${line.variant}`);
    out.push(`  ${line.quantityTimesPrice}`);
    for (const discount of line.discounts) out.push(`  ${discount.description} ${discount.amount}`);
  }
  out.push(rule, row(messages.subtotal, totals.subtotal));
  for (const discount of view.basketDiscounts) out.push(row(discount.description, discount.amount));
  out.push(
    row(totals.totalLabel.toUpperCase(), totals.total),
    row(messages.vatIncluded, totals.taxTotal),
    '',
  );

  out.push(
    messages.vatSummary,
    columns([messages.vatRate, messages.vatNet, messages.vatTax, messages.vatGross]),
  );
  for (const vat of view.vat) out.push(columns([vat.rate, vat.net, vat.tax, vat.gross]));

  if (view.payments.length > 0) out.push('', view.paymentsTitle);
  for (const payment of view.payments) {
    out.push(row(payment.label, payment.amount));
    if (payment.change) out.push(row(messages.change, payment.change));
  }

  const { loyalty } = view;
  if (loyalty) {
    out.push('', messages.loyalty, row(messages.pointsEarned, loyalty.pointsEarned));
    out.push(row(messages.pointsAvailable, loyalty.available));
    if (loyalty.pending !== null) out.push(row(messages.pointsPending, loyalty.pending));
    if (loyalty.tier !== null) out.push(row(messages.tier, loyalty.tier));
    if (loyalty.pendingNote !== null) out.push(...wrap(loyalty.pendingNote));
  }
  if (view.claimUrl)
    out.push('', messages.claimTitle, messages.claimHint, `${messages.claimAction}: ${view.claimUrl}`);

  out.push('', `${messages.viewOnline}: ${view.receiptUrl}`, `${messages.downloadPdf}: ${view.pdfUrl}`, '');
  out.push(...view.branding.footerLines);
  // Intl's no-break spaces keep amounts together in HTML; in plain text they only confuse old clients.
  return `${out.join('\n').replace(/[\u00a0\u202f]/g, ' ')}\n`;
}
