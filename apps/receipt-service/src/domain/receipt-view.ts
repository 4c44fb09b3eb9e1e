import type { PosLine } from '@scontrino/contracts';
import type { ReceiptRecord } from './receipt-record.js';
import { brandingOf, type ReceiptBranding } from './receipt-view-branding.js';
import { createReceiptFormatter, isWeighed, type ReceiptFormatter } from './receipt-view-format.js';
import {
  type CatalogueLanguage,
  catalogueLanguage,
  isCatalogueLanguage,
  type ReceiptMessages,
  resolveLocale,
} from './receipt-view-messages.js';
import { paymentView, type ReceiptViewPayment } from './receipt-view-payments.js';

export type { ReceiptBranding } from './receipt-view-branding.js';
export type { ReceiptMessages } from './receipt-view-messages.js';
export type { ReceiptViewPayment } from './receipt-view-payments.js';

export interface ReceiptViewAmount {
  description: string;
  /** Negative for a discount: "-8,99 €". */
  amount: string;
}

export interface ReceiptViewLine {
  name: string;
  /** "Taglia M · Colore blu", or null without variant attributes. */
  variant: string | null;
  quantity: string;
  weighed: boolean;
  /** "2 × 39,50 €", "0,535 kg × 12,99 €/kg". */
  quantityTimesPrice: string;
  discounts: ReceiptViewAmount[];
  total: string;
}

/**
 * A receipt ready to print: every text already localised and formatted, in the order it reads.
 * Each form (email, page, PDF) renders this and nothing else, so they never disagree.
 */
export interface ReceiptView {
  kind: 'sale' | 'return';
  /** BCP 47 tag the texts and numbers are written in (`lang` of the documents). */
  locale: string;
  /** The catalogue the texts come from (`it`, `en`): the page's language switch marks it. */
  language: CatalogueLanguage;
  messages: ReceiptMessages;
  /** "Scontrino" / "Receipt", or "Reso" / "Return". */
  title: string;
  emailSubject: string;
  store: { name: string; legalName: string; addressLines: string[]; vatNumber: string };
  branding: ReceiptBranding;
  /** In the store's time zone; `iso` is the instant as the POS sent it. */
  issuedAt: { iso: string; date: string; time: string };
  transaction: { id: string; storeId: string; terminalId: string; cashierId: string | null };
  /** Sentences naming the sale a return refers to, or the returns of a sale. */
  references: string[];
  lines: ReceiptViewLine[];
  basketDiscounts: ReceiptViewAmount[];
  totals: {
    subtotal: string;
    /** Null when the basket had no discount. */
    discountTotal: string | null;
    taxTotal: string;
    totalLabel: string;
    total: string;
  };
  vat: { rate: string; net: string; tax: string; gross: string }[];
  paymentsTitle: string;
  /** Empty for a sale nothing was paid for (a total of 0): the forms then leave the block out. */
  payments: ReceiptViewPayment[];
  loyalty: ReceiptViewLoyalty | null;
  receiptUrl: string;
  pdfUrl: string;
  claimUrl: string | null;
}

export interface ReceiptViewLoyalty {
  /** "+245". */
  pointsEarned: string;
  /** Spendable points right after the sale. */
  available: string;
  /** Points waiting for their return window to end (this sale's included); null when unknown or none. */
  pending: string | null;
  /** "The points of this purchase are pending: you can use them from …"; null when they are not. */
  pendingNote: string | null;
  tier: string | null;
}

function variantText(variant: PosLine['variant'], messages: ReceiptMessages): string | null {
  const entries = Object.entries(variant ?? {}).filter(([, value]) => value !== '');
  if (entries.length === 0) return null;
  return entries
    .map(([key, value]) => `${messages.variantKeys[key.toLowerCase()] ?? key} ${value}`)
    .join(' · ');
}

function lineView(line: PosLine, messages: ReceiptMessages, format: ReceiptFormatter): ReceiptViewLine {
  return {
    name: line.name,
    variant: variantText(line.variant, messages),
    quantity: format.quantity(line.quantity),
    weighed: isWeighed(line.quantity),
    quantityTimesPrice: `${format.quantity(line.quantity)} × ${format.unitPrice(line.unitPrice, line.quantity)}`,
    discounts: line.discounts.map((d) => ({ description: d.description, amount: format.money(-d.amount) })),
    total: format.money(line.total),
  };
}

function referencesOf(record: ReceiptRecord, messages: ReceiptMessages): string[] {
  const { transaction: tx } = record;
  // ReceiptRecord's Omit<> flattens the sale/return union, so the id is optional here.
  const returned = tx.originalTransactionId === undefined ? [] : [tx.originalTransactionId];
  const returnedBy: string[] = [];
  for (const related of record.related) {
    if (related.kind === 'returns') returned.push(related.transactionId);
    else returnedBy.push(related.transactionId);
  }
  return [
    ...[...new Set(returned)].map(messages.returnOf),
    ...[...new Set(returnedBy)].map(messages.returnedBy),
  ];
}

function loyaltyView(
  record: ReceiptRecord,
  messages: ReceiptMessages,
  format: ReceiptFormatter,
): ReceiptViewLoyalty | null {
  const { loyalty } = record;
  if (loyalty === null) return null;
  const availableFrom = loyalty.availableFrom === null ? null : new Date(loyalty.availableFrom);
  const waits =
    loyalty.pointsEarned > 0 &&
    availableFrom !== null &&
    availableFrom.getTime() > new Date(record.transaction.occurredAt).getTime();
  return {
    pointsEarned: format.points(loyalty.pointsEarned),
    available: format.count(loyalty.balance),
    pending: loyalty.pending !== null && loyalty.pending > 0 ? format.count(loyalty.pending) : null,
    pendingNote: waits ? messages.pointsPendingUntil(format.date(availableFrom)) : null,
    tier: loyalty.tier,
  };
}

/**
 * The languages to write a receipt in, most wanted first: the reader's choice (`language`, the
 * page's `?lang=`) in the variant of the transaction or the store when they speak it (`en` on an
 * `en-GB` sale reads en-GB), else the customer's (the transaction's locale), else the store's.
 */
function candidateLocales(record: ReceiptRecord, options: ReceiptViewOptions): (string | undefined)[] {
  const { transaction: tx, store } = record;
  const chosen = isCatalogueLanguage(options.language) ? options.language : undefined;
  const own = [tx.locale, store.defaultLocale];
  const inChosen =
    chosen === undefined ? [] : [...own.filter((tag) => catalogueLanguage(tag) === chosen), chosen];
  return [options.locale, ...inChosen, ...own];
}

export interface ReceiptViewOptions {
  /** A BCP 47 tag that wins over everything (tests, staff tools). */
  locale?: string;
  /** The reader's choice of catalogue language (`it`, `en`), from the page's language switch; others are ignored. */
  language?: string;
}

/**
 * The one render model of a receipt. Language: `options.locale`, else the reader's choice
 * (`options.language`), else the transaction's (the customer's), else the store's default, else
 * en-US (the first with a message catalogue). Every text follows it, the store's footer included
 * when the profile has it in that language. Times are shown in the store's zone whatever zone
 * `occurredAt` was written in.
 */
export function buildReceiptView(record: ReceiptRecord, options: ReceiptViewOptions = {}): ReceiptView {
  const { transaction: tx, store } = record;
  const { locale, messages } = resolveLocale(candidateLocales(record, options));
  const language = catalogueLanguage(locale) ?? 'en';
  const format = createReceiptFormatter({ locale, currency: tx.currency, timeZone: store.timeZone });
  const issuedAt = new Date(tx.occurredAt);
  const isReturn = tx.type === 'return';
  const { address } = store;

  return {
    kind: tx.type,
    locale,
    language,
    messages,
    title: isReturn ? messages.returnTitle : messages.saleTitle,
    emailSubject: (isReturn ? messages.returnEmailSubject : messages.emailSubject)(store.name),
    store: {
      name: store.name,
      legalName: store.legalName,
      addressLines: [
        address.street,
        [address.postalCode, address.city, address.province].filter((part) => part !== undefined).join(' '),
      ],
      vatNumber: store.vatNumber,
    },
    branding: brandingOf(store, messages.logoAlt(store.name), locale),
    issuedAt: { iso: tx.occurredAt, date: format.date(issuedAt), time: format.time(issuedAt) },
    transaction: {
      id: tx.transactionId,
      storeId: tx.storeId,
      terminalId: tx.terminalId,
      cashierId: tx.cashierId ?? null,
    },
    references: referencesOf(record, messages),
    lines: tx.lines.map((line) => lineView(line, messages, format)),
    basketDiscounts: tx.discounts.map((d) => ({
      description: d.description,
      amount: format.money(-d.amount),
    })),
    totals: {
      subtotal: format.money(tx.totals.subtotal),
      discountTotal: tx.totals.discountTotal > 0 ? format.money(-tx.totals.discountTotal) : null,
      taxTotal: format.money(tx.totals.taxTotal),
      totalLabel: isReturn ? messages.totalRefunded : messages.total,
      total: format.money(tx.totals.total),
    },
    vat: tx.taxes.map((tax) => ({
      rate: format.rate(tax.rate),
      net: format.money(tax.taxable - tax.tax),
      tax: format.money(tax.tax),
      gross: format.money(tax.taxable),
    })),
    paymentsTitle: isReturn ? messages.refund : messages.payment,
    payments: tx.payments.map((payment) => paymentView(payment, messages, format)),
    loyalty: loyaltyView(record, messages, format),
    receiptUrl: record.receiptUrl,
    // The PDF in the language the reader chose on the page.
    pdfUrl: `${record.receiptUrl}.pdf${isCatalogueLanguage(options.language) ? `?lang=${language}` : ''}`,
    claimUrl: record.claimUrl,
  };
}
