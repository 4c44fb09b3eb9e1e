import type { Logger } from '@scontrino/service';
import { hasOptedOutOfReceiptEmails } from '../domain/consent.js';
import { afterAttempt, type EmailDelivery } from '../domain/email-delivery.js';
import { buildReceiptView } from '../domain/receipt-view.js';
import { signToken } from '../domain/signed-token.js';
import type { Mailer } from '../mail/mailer.js';
import { renderReceiptEmail } from '../domain/render/index.js';
import type { EmailPreferencesStore } from '../store/email-preferences.js';
import type { ReceiptCrypto } from '../store/receipt-crypto.js';
import { DELIVERY_EMAIL_CONTEXT, type ReceiptDeliveries } from '../store/receipt-deliveries.js';
import type { ReceiptLoyalty } from '../store/receipt-loyalty.js';
import type { ReceiptQueries } from '../store/receipts.js';
import { type EmailOutcome, emailFailureReason, ReceiptMissingError } from '../jobs/email-outcome.js';
import type { ReceiptEmailAttempt } from '../jobs/receipt-email-job.js';

export interface EmailReceiptDeps {
  deliveries: ReceiptDeliveries;
  receipts: Pick<ReceiptQueries, 'findReceiptById'>;
  emailPreferences: Pick<EmailPreferencesStore, 'history'>;
  loyalty: Pick<ReceiptLoyalty, 'get'>;
  crypto: ReceiptCrypto;
  mailer: Mailer;
  publicUrl: string;
  clock: () => Date;
  logger: Logger;
  report(outcome: EmailOutcome): void;
}

/** SMTP errors may quote a rejected recipient: no address is stored or logged. */
function withoutAddresses(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/[^\s<>"']+@[^\s<>"']+/g, '<address>');
}

/**
 * Sends one delivery: checks the opt-out at send time, renders the receipt, sends it with a
 * one-click unsubscribe link and records the attempt. A card sale's e-mail runs once loyalty's
 * answer promoted it (the block is in the job) or once its fallback delay is over (it reads the
 * block once, and goes without when there is none); the sale itself comes in the job when the
 * consumer of its event carried it. A failed attempt throws, so
 * the job is retried with backoff; the delivery stays `queued` with its `lastError` until the last
 * attempt.
 */
export function emailReceipt(deps: EmailReceiptDeps) {
  const base = deps.publicUrl.replace(/\/+$/, '');

  return async (attempt: ReceiptEmailAttempt): Promise<void> => {
    const { data } = attempt;
    const { deliveryId } = data;
    const logger = deps.logger.child({ deliveryId });
    const delivery = await deps.deliveries.get(deliveryId);
    if (!delivery) {
      await attempt.discard();
      throw new Error(`no delivery ${deliveryId}`);
    }
    if (delivery.state !== 'queued') return;

    const record = (state: EmailDelivery) => deps.deliveries.save(deliveryId, state, deps.clock());
    const { address } = delivery;
    if (!address) {
      logger.info('recipient erased before sending, suppressed');
      deps.report({ result: 'suppressed' });
      return record({ ...delivery, state: 'suppressed' });
    }
    if (hasOptedOutOfReceiptEmails(await deps.emailPreferences.history(address.hash))) {
      logger.info('address opted out of receipt emails, suppressed');
      deps.report({ result: 'suppressed' });
      return record({ ...delivery, state: 'suppressed' });
    }

    try {
      // The block as loyalty told it, else read once (the fallback, or a job without a wait).
      const loyalty = data.loyalty ?? { block: await deps.loyalty.get(delivery.receiptId) };
      const receipt = await deps.receipts.findReceiptById(delivery.receiptId, {
        loyalty: loyalty.block,
        ...(data.sale && attempt.firstAttempt && { sale: data.sale }),
      });
      if (!receipt) throw new ReceiptMissingError(`receipt ${delivery.receiptId} not found`);
      const email = renderReceiptEmail(buildReceiptView(receipt));
      await deps.mailer.send({
        to: deps.crypto.cipher.decrypt(address.encrypted, DELIVERY_EMAIL_CONTEXT),
        ...email,
        receiptId: delivery.receiptId,
        deliveryId,
        unsubscribeUrl: `${base}/u/${signToken(deps.crypto.unsubscribeKey, address.hash)}`,
      });
    } catch (error) {
      const { finalAttempt } = attempt;
      const message = withoutAddresses(error);
      await record(afterAttempt(delivery, { ok: false, error: message, finalAttempt }));
      deps.report({ result: 'failed', reason: emailFailureReason(error), final: finalAttempt });
      throw new Error(message);
    }
    await record(afterAttempt(delivery, { ok: true, at: deps.clock() }));
    deps.report({ result: 'sent' });
    logger.info({ receiptId: delivery.receiptId }, 'receipt email sent');
  };
}
