export { claimQrPng, claimQrSvg, transactionQrSvg } from './qr.js';
export { type ReceiptEmail, renderReceiptEmail } from './receipt-email.js';
export { renderNotFoundPage } from './page/not-found-page.js';
export { type PageOptions, renderReceiptPage } from './page/receipt-page.js';
export { renderReceiptPdf } from './pdf/receipt-pdf.js';
export { type ClaimFormState, renderClaimPage } from './page/claim-page.js';
export { claimMessages, claimMessagesFor, type ClaimMessages } from './page/claim-messages.js';
export { type MessagePageContent, renderMessagePage } from './page/message-page.js';
