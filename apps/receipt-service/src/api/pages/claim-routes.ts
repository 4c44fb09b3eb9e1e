import { sealedIdentifierContext } from '@scontrino/contracts';
import type { RateLimits } from '@scontrino/service';
import express, { type Express, type Request, type Response } from 'express';
import { z } from 'zod';
import { normalisedEmail } from '../../domain/customer-identifiers.js';
import { buildReceiptView } from '../../domain/receipt-view.js';
import { claimMessages, claimMessagesFor, renderClaimPage, renderMessagePage } from '../../render/index.js';
import type { EmailPreferencesStore } from '../../store/email-preferences.js';
import { CLAIM_EMAIL_CONTEXT, type ReceiptClaims } from '../../store/receipt-claims.js';
import type { ReceiptCrypto } from '../../store/receipt-crypto.js';
import type { ClaimTarget } from '../../store/receipts.js';
import { isValidClaimFormToken, issueClaimFormToken } from './claim-form-token.js';
import { setPageCsp, setPrivateHeaders } from './page-headers.js';

export interface ClaimRouteDeps {
  findClaimTarget(code: string): Promise<ClaimTarget>;
  claims: Pick<ReceiptClaims, 'claim'>;
  emailPreferences: Pick<EmailPreferencesStore, 'record'>;
  crypto: ReceiptCrypto;
  clock: () => Date;
  /** After a claim stored its event, with the claim's `_id`: dispatch it now. */
  onClaimed(claimId: string): void;
  /** Where the claim limits are counted (Redis, shared by every replica). */
  limits: Pick<RateLimits, 'middleware'>;
  /** Per IP and per code; default 10 POSTs per 15 minutes each. */
  rateLimit?: { windowMs: number; limit: number };
}

const claimCodePattern = /^[A-Za-z0-9_-]{16,128}$/;
const claimForm = z.object({
  email: z.string().trim().pipe(z.email().max(254)),
  marketing: z.literal('yes').optional(),
  form: z.string().optional(),
});

function message(req: Request, res: Response, status: number, key: 'expired' | 'alreadyClaimed' | 'claimed') {
  const { locale, messages } = claimMessagesFor(req.acceptsLanguages());
  setPrivateHeaders(res);
  const styleNonce = setPageCsp(res, undefined);
  res
    .status(status)
    .type('html')
    .send(
      renderMessagePage(
        { lang: locale, title: messages[`${key}Title`], body: messages[`${key}Body`] },
        { styleNonce },
      ),
    );
}

/**
 * `/c/:code`: the claim form of an anonymous sale (GET) and the claim (POST). A claim is one
 * insert keyed by the code's hash, so of concurrent claims exactly one wins; it carries the
 * `receipt.claimed` event, on which the receipt is emailed. An unknown code answers 404, an
 * expired or used one 410, never a 5xx.
 */
export function registerClaimRoutes(
  app: Express,
  deps: ClaimRouteDeps,
  notFound: (req: Request, res: Response) => void,
): void {
  const { windowMs, limit } = deps.rateLimit ?? { windowMs: 15 * 60 * 1000, limit: 10 };
  const perIp = deps.limits.middleware({ name: 'claim-ip', windowMs, limit });
  const perCode = deps.limits.middleware(
    { name: 'claim-code', windowMs, limit },
    { key: (req) => String(req.params.code) },
  );

  async function openTarget(req: Request, res: Response) {
    const code = String(req.params.code);
    const target = claimCodePattern.test(code)
      ? await deps.findClaimTarget(code)
      : ({ status: 'unknown' } as const);
    if (target.status === 'open') return target;
    if (target.status === 'unknown') notFound(req, res);
    else message(req, res, 410, target.status === 'expired' ? 'expired' : 'alreadyClaimed');
    return null;
  }

  function showForm(
    res: Response,
    target: Extract<ClaimTarget, { status: 'open' }>,
    form: { email?: string; error?: string },
  ) {
    const view = buildReceiptView(target.record);
    setPrivateHeaders(res);
    const styleNonce = setPageCsp(res, undefined, { postsForms: true });
    const formToken = issueClaimFormToken(deps.crypto.claimFormKey, target.codeHash, deps.clock());
    res.type('html').send(renderClaimPage(view, { ...form, formToken }, { styleNonce }));
  }

  app.get('/c/:code', async (req, res) => {
    const target = await openTarget(req, res);
    if (target) showForm(res, target, {});
  });

  app.post(
    '/c/:code',
    perIp,
    perCode,
    express.urlencoded({ extended: false, limit: '4kb' }),
    async (req, res) => {
      const target = await openTarget(req, res);
      if (!target) return;
      const messages = claimMessages(buildReceiptView(target.record).locale);
      const body: unknown = req.body ?? {};
      const parsed = claimForm.safeParse(body);
      const typed =
        typeof (body as { email?: unknown }).email === 'string' ? (body as { email: string }).email : '';
      if (!parsed.success)
        return showForm(res.status(422), target, { email: typed, error: messages.emailInvalid });
      if (!isValidClaimFormToken(deps.crypto.claimFormKey, parsed.data.form, target.codeHash, deps.clock()))
        return showForm(res.status(422), target, { email: typed, error: messages.formExpired });

      const { email } = parsed.data;
      const normalised = normalisedEmail(email);
      const emailHash = deps.crypto.lookupHash('email', normalised);
      const marketingConsent = parsed.data.marketing === 'yes';
      const claimedAt = deps.clock();
      const outcome = await deps.claims.claim(
        {
          _id: target.codeHash,
          receiptId: target.record.receiptId,
          transaction: target.transaction,
          email: { encrypted: deps.crypto.cipher.encrypt(email, CLAIM_EMAIL_CONTEXT), hash: emailHash },
          marketingConsent,
          claimedAt,
        },
        deps.crypto.cipher.encrypt(normalised, sealedIdentifierContext('email')),
      );
      if (outcome === 'already_claimed') return message(req, res, 410, 'alreadyClaimed');
      deps.onClaimed(target.codeHash);
      await deps.emailPreferences.record(emailHash, {
        purpose: 'receipt_email',
        granted: true,
        source: 'claim',
        at: claimedAt,
      });
      if (marketingConsent)
        await deps.emailPreferences.record(emailHash, {
          purpose: 'marketing_email',
          granted: true,
          source: 'claim',
          at: claimedAt,
        });
      message(req, res, 200, 'claimed');
    },
  );
}
