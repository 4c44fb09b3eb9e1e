import { contactEmailSchema } from '@scontrino/contracts';
import { formBody, type RateLimits } from '@scontrino/service';
import { identifyCaller } from '@scontrino/trpc';
import type { Express, Request, Response } from 'express';
import { z } from 'zod';
import { brandingOf } from '../../domain/receipt-view-branding.js';
import { resolveLocale } from '../../domain/receipt-view-messages.js';
import { buildReceiptView } from '../../domain/receipt-view.js';
import type { StoreProfile } from '../../domain/store-profile.js';
import {
  claimMessages,
  claimMessagesFor,
  type PageStore,
  renderClaimPage,
  renderMessagePage,
} from '../../domain/render/index.js';
import {
  claimReceipt,
  type ClaimReceiptDeps,
  type OpenClaim,
  openClaim,
} from '../../use-cases/claim-receipt.js';
import { isValidClaimFormToken, issueClaimFormToken } from './claim-form-token.js';
import { setPageCsp, setPrivateHeaders } from './page-headers.js';

export interface ClaimRouteDeps extends ClaimReceiptDeps {
  /** Where the claim limits are counted (Redis, shared by every replica). */
  limits: Pick<RateLimits, 'middleware'>;
  /** Per IP and per code (CLAIM_RATE_LIMIT per CLAIM_RATE_WINDOW_SECONDS); default 10 POSTs per 15 minutes each. */
  rateLimit?: { windowMs: number; limit: number };
  /**
   * A POST bearing it does not count against the per-IP limit (the per-code one still holds):
   * the demo seeder and the POS simulator claim many receipts from one address, and must not
   * use up the budget of the people behind that address.
   */
  serviceToken: string;
}

const claimCodePattern = /^[A-Za-z0-9_-]{16,128}$/;
const claimForm = z.object({
  // The contract's own rule for an e-mail: tidied (trimmed, NFC, lower-cased), then checked.
  email: contactEmailSchema,
  marketing: z.literal('yes').optional(),
  form: z.string().optional(),
});

type MessageKey = 'expired' | 'alreadyClaimed' | 'addressKnown' | 'claimed' | 'rateLimited';

/** The receipt a claim answer is about, when known: its store heads the page, in the claim form's language. */
interface ClaimedReceipt {
  store: PageStore;
  locale: string;
}

function claimedReceipt(store: StoreProfile | null, transactionLocale: string): ClaimedReceipt | undefined {
  if (store === null) return undefined;
  const { locale } = resolveLocale([transactionLocale, store.defaultLocale]);
  return { store: { name: store.name, branding: brandingOf(store, store.name, locale) }, locale };
}

function message(req: Request, res: Response, status: number, key: MessageKey, receipt?: ClaimedReceipt) {
  const { locale, messages } = receipt
    ? { locale: receipt.locale, messages: claimMessages(receipt.locale) }
    : claimMessagesFor(req.acceptsLanguages());
  const body =
    key === 'rateLimited'
      ? messages.rateLimitedBody(Math.max(1, Math.ceil(Number(res.getHeader('Retry-After') ?? 60) / 60)))
      : messages[`${key}Body`];
  setPrivateHeaders(res);
  const styleNonce = setPageCsp(res, undefined);
  res
    .status(status)
    .type('html')
    .send(
      renderMessagePage(
        { lang: locale, title: messages[`${key}Title`], body, ...(receipt && { store: receipt.store }) },
        { styleNonce },
      ),
    );
}

/** The 429 of the claim limits: the page of the other answers, `Retry-After` already set. */
const tooManyClaims = (req: Request, res: Response) => message(req, res, 429, 'rateLimited');

/**
 * `/c/:code`: the claim form of an anonymous sale (GET) and the claim (POST, `claimReceipt`). An
 * unknown code answers 404, an expired or used one 410, never a 5xx.
 */
export function registerClaimRoutes(
  app: Express,
  deps: ClaimRouteDeps,
  notFound: (req: Request, res: Response) => void,
): void {
  const { windowMs, limit } = deps.rateLimit ?? { windowMs: 15 * 60 * 1000, limit: 10 };
  const perIp = deps.limits.middleware(
    { name: 'claim-ip', windowMs, limit },
    {
      refuse: tooManyClaims,
      skip: async (req) =>
        (await identifyCaller(req.headers.authorization, { serviceToken: deps.serviceToken })).kind ===
        'service',
    },
  );
  const perCode = deps.limits.middleware(
    { name: 'claim-code', windowMs, limit },
    { key: (req) => String(req.params.code), refuse: tooManyClaims },
  );

  async function openTarget(req: Request, res: Response) {
    const code = String(req.params.code);
    const target = claimCodePattern.test(code)
      ? await openClaim(deps, code)
      : ({ status: 'unknown' } as const);
    if (target.status === 'open') return target;
    if (target.status === 'unknown') notFound(req, res);
    else if (target.status === 'expired') message(req, res, 410, 'expired');
    else if (target.status === 'address_known') message(req, res, 410, 'addressKnown');
    else message(req, res, 410, 'alreadyClaimed', claimedReceipt(target.store, target.locale));
    return null;
  }

  function showForm(res: Response, target: OpenClaim, form: { email?: string; error?: string }) {
    const view = buildReceiptView(target.record);
    setPrivateHeaders(res);
    const styleNonce = setPageCsp(res, undefined, { postsForms: true });
    const formToken = issueClaimFormToken(deps.crypto.claimFormKey, target.codeHash, deps.clock());
    // The brand's own notice when its profile names one, else the service's, in the form's language.
    const privacyUrl = target.record.store.privacyNoticeUrl ?? `/privacy?lang=${view.language}`;
    res.type('html').send(renderClaimPage(view, { ...form, formToken, privacyUrl }, { styleNonce }));
  }

  app.get('/c/:code', async (req, res) => {
    const target = await openTarget(req, res);
    if (target) showForm(res, target, {});
  });

  app.post(
    '/c/:code',
    perIp,
    perCode,
    // Text no store can hold is an address nobody can have: the form again, as for any bad address.
    formBody({ extended: false, limit: '4kb' }, async (req, res) => {
      const target = await openTarget(req, res);
      if (target)
        showForm(res.status(422), target, {
          error: claimMessages(buildReceiptView(target.record).locale).emailInvalid,
        });
    }),
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

      const outcome = await claimReceipt(deps, target, {
        email: parsed.data.email,
        marketingConsent: parsed.data.marketing === 'yes',
      });
      const receipt = claimedReceipt(target.record.store, target.record.transaction.locale);
      if (outcome === 'already_claimed') return message(req, res, 410, 'alreadyClaimed', receipt);
      message(req, res, 200, 'claimed', receipt);
    },
  );
}
