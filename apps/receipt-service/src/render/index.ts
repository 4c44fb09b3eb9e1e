export { claimQrPng, claimQrSvg, transactionQrSvg } from './qr.js';
export { type ReceiptEmail, renderReceiptEmail } from './receipt-email.js';
export { renderNotFoundPage } from './page/not-found-page.js';
export { type PageOptions, renderReceiptPage } from './page/receipt-page.js';
export { renderReceiptPdf } from './pdf/receipt-pdf.js';
