import type { ReceiptClaimedPayload } from '@scontrino/contracts';
import type { EmailDeliveries } from '../jobs/email-deliveries.js';
import type { ReceiptRecipients } from '../store/receipt-recipients.js';
import type { SalesRollups } from '../store/sales-rollups.js';

export interface FollowUpClaimDeps {
  recipients: Pick<ReceiptRecipients, 'ofClaim'>;
  emails: Pick<EmailDeliveries, 'enqueue'>;
  rollups: Pick<SalesRollups, 'recordClaim'>;
}

/**
 * What follows a claimed receipt (`receipt.claimed`): counted once in its sale's day, and emailed
 * to the claim's address. The claim is stored with this event, so no recipient means its person
 * was erased since, and nothing is sent.
 */
export async function followUpClaim(deps: FollowUpClaimDeps, claim: ReceiptClaimedPayload): Promise<void> {
  const { receiptId } = claim;
  await deps.rollups.recordClaim(claim);
  const recipient = await deps.recipients.ofClaim(receiptId);
  if (!recipient) return;
  await deps.emails.enqueue({ receiptId, email: recipient.email, to: 'claim' });
}
