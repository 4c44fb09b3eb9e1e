import type { PosPayment } from '@scontrino/contracts';
import type { ReceiptFormatter } from './receipt-view-format.js';
import type { ReceiptMessages } from './receipt-view-messages.js';

export interface ReceiptViewPayment {
  /** "Carta Visa •••• 4242", "Contanti": the card shows its brand and last 4 digits, nothing else. */
  label: string;
  /** What was tendered (cash given) or charged. */
  amount: string;
  /** Cash handed back, when there was some. */
  change: string | null;
}

const brandNames: Readonly<Record<string, string>> = {
  visa: 'Visa',
  mastercard: 'Mastercard',
  maestro: 'Maestro',
  amex: 'American Express',
  american_express: 'American Express',
  discover: 'Discover',
  diners: 'Diners Club',
  jcb: 'JCB',
  unionpay: 'UnionPay',
  bancomat: 'Bancomat',
  pagobancomat: 'PagoBancomat',
};

function brandName(brand: string): string {
  return brandNames[brand.toLowerCase().replace(/[\s-]/g, '_')] ?? brand;
}

export function paymentView(
  payment: PosPayment,
  messages: ReceiptMessages,
  format: ReceiptFormatter,
): ReceiptViewPayment {
  const parts = [messages.paymentMethods[payment.method]];
  if (payment.cardBrand !== undefined) parts.push(brandName(payment.cardBrand));
  if (payment.last4 !== undefined) parts.push(`•••• ${payment.last4}`);
  return {
    label: parts.join(' '),
    amount: format.money(payment.amount),
    change: payment.change !== undefined && payment.change > 0 ? format.money(payment.change) : null,
  };
}
