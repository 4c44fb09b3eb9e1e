import { h } from 'preact';
import { render } from 'preact-render-to-string';
import type { ReceiptView } from '../receipt-view.js';
import { ReceiptEmailHtml } from './email/receipt-email-html.js';
import { receiptEmailText } from './email/receipt-email-text.js';

export interface ReceiptEmail {
  subject: string;
  html: string;
  text: string;
}

/** The receipt as an email: a localised subject, table-and-inline-CSS HTML and its plain-text twin. */
export function renderReceiptEmail(view: ReceiptView): ReceiptEmail {
  return {
    subject: view.emailSubject,
    html: `<!DOCTYPE html>${render(h(ReceiptEmailHtml, { view }))}`,
    text: receiptEmailText(view),
  };
}
