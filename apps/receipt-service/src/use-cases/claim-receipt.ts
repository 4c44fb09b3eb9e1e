import { sealedIdentifierContext } from '@scontrino/contracts';
import { normalisedEmail } from '../domain/customer-identifiers.js';
import type { EmailPreferencesStore } from '../store/email-preferences.js';
import { CLAIM_EMAIL_CONTEXT, type ReceiptClaims } from '../store/receipt-claims.js';
import type { ReceiptCrypto } from '../store/receipt-crypto.js';
import type { ClaimTarget } from '../store/receipts.js';

export interface ClaimReceiptDeps {
  findClaimTarget(code: string): Promise<ClaimTarget>;
  claims: Pick<ReceiptClaims, 'claim'>;
  emailPreferences: Pick<EmailPreferencesStore, 'record'>;
  crypto: ReceiptCrypto;
  clock: () => Date;
  /** After a claim stored its event, with the claim's `_id`: dispatch it now. */
  onClaimed(claimId: string): void;
}

/** An anonymous sale whose paper slip's code can still be claimed. */
export type OpenClaim = Extract<ClaimTarget, { status: 'open' }>;

/** What a claim code opens: the sale to claim, or why there is none (unknown, expired, used…). */
export function openClaim(
  deps: Pick<ClaimReceiptDeps, 'findClaimTarget'>,
  code: string,
): Promise<ClaimTarget> {
  return deps.findClaimTarget(code);
}

/**
 * Claims an anonymous sale's receipt for an e-mail address, from the code on its paper slip. The
 * claim is one insert keyed by the code's hash, so of concurrent claims exactly one wins; it
 * carries the `receipt.claimed` event, on which the receipt is emailed. The address's consent to
 * receipt emails (and to marketing, when ticked) is recorded with it.
 */
export async function claimReceipt(
  deps: ClaimReceiptDeps,
  target: OpenClaim,
  form: { email: string; marketingConsent: boolean },
): Promise<'claimed' | 'already_claimed'> {
  const { email, marketingConsent } = form;
  const normalised = normalisedEmail(email);
  const emailHash = deps.crypto.lookupHash('email', normalised);
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
  if (outcome === 'already_claimed') return outcome;
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
  return 'claimed';
}
