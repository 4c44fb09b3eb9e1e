import type { Express, Request, Response } from 'express';
import type { ReceiptRecord } from '../../domain/receipt-record.js';
import { buildReceiptView } from '../../domain/receipt-view.js';
import {
  claimQrPng,
  claimQrSvg,
  renderNotFoundPage,
  renderPrivacyPage,
  renderReceiptPage,
  renderReceiptPdf,
} from '../../domain/render/index.js';
import { type ClaimRouteDeps, registerClaimRoutes } from './claim-routes.js';
import { inlineDisposition, setPageCsp, setPrivateHeaders } from './page-headers.js';
import { registerUnsubscribeRoutes, type UnsubscribeRouteDeps } from './unsubscribe-routes.js';

export interface ReceiptPageDeps {
  findReceiptByToken(token: string): Promise<ReceiptRecord | null>;
  /** Null when the code is unknown, expired or already used. */
  findReceiptByClaimCode(code: string): Promise<ReceiptRecord | null>;
  /** Base URL the service is reached at by customers, e.g. https://receipts.example.com. */
  publicUrl: string;
  /** The claim form and the unsubscribe link; without them only the receipt and QR routes exist. */
  claim?: ClaimRouteDeps;
  unsubscribe?: UnsubscribeRouteDeps;
}

// Tokens are random (≥ 128 bits, base64url): anything else cannot exist, so it costs no query.
const receiptToken = /^[A-Za-z0-9_-]{22,64}$/;
// Claim codes are base64url too (signed, 48 characters today); the look-up checks the rest.
const claimCode = /^[A-Za-z0-9_-]{16,128}$/;

/** The reader's choice of language on the page's switch (`?lang=en`); anything else is ignored. */
function chosenLanguage(req: Request): { language?: string } {
  const { lang } = req.query;
  return typeof lang === 'string' ? { language: lang } : {};
}

function notFound(req: Request, res: Response): void {
  setPrivateHeaders(res);
  const styleNonce = setPageCsp(res, undefined);
  res.status(404).type('html').send(renderNotFoundPage(req.acceptsLanguages(), { styleNonce }));
}

/**
 * The customer-facing receipt routes: the hosted receipt `/r/:token` as HTML and as PDF, and the
 * claim QR `/c/:code/qr.png|svg` encoding `<publicUrl>/c/<code>`. An unknown or malformed token or
 * code answers a friendly 404 page, never an error.
 */
export function registerReceiptPages(app: Express, deps: ReceiptPageDeps): void {
  const publicUrl = deps.publicUrl.replace(/\/+$/, '');

  const receiptFor = (token: string) =>
    receiptToken.test(token) ? deps.findReceiptByToken(token) : Promise.resolve(null);
  const claimFor = (code: string) =>
    claimCode.test(code) ? deps.findReceiptByClaimCode(code) : Promise.resolve(null);

  // Before `/r/:token`, which would otherwise take "<token>.pdf" for a token.
  app.get('/r/:token.pdf', async (req, res) => {
    const record = await receiptFor(req.params.token);
    if (record === null) return notFound(req, res);
    const view = buildReceiptView(record, chosenLanguage(req));
    const pdf = await renderReceiptPdf(view);
    setPrivateHeaders(res);
    res.setHeader(
      'Content-Disposition',
      inlineDisposition(`${view.title}-${view.transaction.id}.pdf`.toLowerCase()),
    );
    res.type('application/pdf').send(pdf);
  });

  app.get('/r/:token', async (req, res) => {
    const record = await receiptFor(req.params.token);
    if (record === null) return notFound(req, res);
    const view = buildReceiptView(record, chosenLanguage(req));
    setPrivateHeaders(res);
    const styleNonce = setPageCsp(res, view.branding.logo?.url);
    res.type('html').send(await renderReceiptPage(view, { styleNonce }));
  });

  app.get('/c/:code/qr.png', async (req, res) => {
    if ((await claimFor(req.params.code)) === null) return notFound(req, res);
    setPrivateHeaders(res);
    res.type('image/png').send(await claimQrPng(`${publicUrl}/c/${req.params.code}`));
  });

  // The service's own privacy notice, linked from the claim form of a brand without its own.
  app.get('/privacy', (req, res) => {
    const { lang } = req.query;
    const locale =
      typeof lang === 'string' && /^(it|en)$/.test(lang) ? lang : req.acceptsLanguages('it', 'en') || 'en';
    const styleNonce = setPageCsp(res, undefined);
    res.type('html').send(renderPrivacyPage(locale, { styleNonce }));
  });

  if (deps.claim) registerClaimRoutes(app, deps.claim, notFound);
  if (deps.unsubscribe) registerUnsubscribeRoutes(app, deps.unsubscribe, notFound);

  app.get('/c/:code/qr.svg', async (req, res) => {
    if ((await claimFor(req.params.code)) === null) return notFound(req, res);
    setPrivateHeaders(res);
    res.type('image/svg+xml').send(await claimQrSvg(`${publicUrl}/c/${req.params.code}`));
  });
}
