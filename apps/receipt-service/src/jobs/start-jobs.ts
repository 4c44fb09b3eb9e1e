import {
  consumeEvents,
  createEventPublisher,
  type OutboxDispatcher,
  type OutboxDispatcherOptions,
  type QueueFactory,
  startOutboxDispatcher,
  startRetention,
  startReencryption,
} from '@scontrino/queue';
import type { ReencryptionCounts } from '@scontrino/db';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
import type { Mailer } from '../mail/mailer.js';
import type { ReceiptCrypto } from '../store/receipt-crypto.js';
import type { ReceiptStore } from '../store/receipt-store.js';
import { type ReceiptDataClass, receiptRetention, receiptRetentionDefaults } from '../store/retention.js';
import { type EmailDeliveries, emailDeliveries } from './email-deliveries.js';
import { startOverdueDeliverySweep } from './overdue-deliveries.js';
import { receiptEventHandlers } from './receipt-event-handlers.js';
import { countContactQualityOfSales } from '../use-cases/count-contact-quality.js';
import { type EmailRetryOptions, RECEIPT_EMAIL_QUEUE, receiptEmailAttempt } from './receipt-email-job.js';
import { emailReceipt } from '../use-cases/email-receipt.js';
import { receiptEncryptedFields } from '../store/encrypted-fields.js';

export interface ReceiptJobsDeps {
  queues: QueueFactory;
  database: Connection;
  logger: Logger;
  store: ReceiptStore;
  crypto: ReceiptCrypto;
  mailer: Mailer;
  /** How long a card sale's email waits for its loyalty block (LOYALTY_BLOCK_WAIT_MS); 0: never. */
  loyaltyWaitMs: number;
  /** Base of the unsubscribe links in emails. */
  publicUrl: string;
  clock?: () => Date;
  /** Days each data class is kept (RETENTION_DAYS); the daily purge removes what is older. */
  retentionDays?: Record<ReceiptDataClass, number>;
  /** How many inbox events are handled at once (INBOX_CONCURRENCY); default 1. */
  inboxConcurrency?: number;
  /** How many receipt e-mails are sent at once (EMAIL_CONCURRENCY); default 1. */
  emailConcurrency?: number;
  /** Tests shorten the backoffs. */
  dispatcher?: Pick<OutboxDispatcherOptions, 'sweepIntervalMs' | 'retryDelayMs' | 'maxBackoffMs'>;
  emailRetry?: EmailRetryOptions;
  /** Tests run the re-encryption by hand (`reencrypt()`), so they see the old ciphertexts first. */
  scheduleReencryption?: boolean;
  /** Tests look for overdue e-mails by hand (`sweepOverdueEmails()`). */
  scheduleOverdueSweep?: boolean;
}

export interface ReceiptJobs {
  /** Told the documents just written with events, so it dispatches them now. */
  outbox: Pick<OutboxDispatcher, 'kick'>;
  /** Queues receipt emails (support's resend). */
  emails: EmailDeliveries;
  /** Runs the retention purge now (it also runs daily); resolves with the count per data class. */
  purgeExpired(): Promise<Record<string, number>>;
  /** One re-encryption pass now (it also runs at start and daily while older keys are in the keyring). */
  reencrypt(): Promise<Record<string, ReencryptionCounts>>;
  /** One look for receipt e-mails whose job was lost (it also runs at start and every 30 s). */
  sweepOverdueEmails(): ReturnType<ReturnType<typeof startOverdueDeliverySweep>['runNow']>;
  /** Stops the outbox dispatcher after its round in flight; closing the queues stops the workers. */
  stop(): Promise<void>;
}

/**
 * Starts the inbox, the receipt email worker, the dispatcher that moves outbox events to Redis, the
 * daily retention purge and, after a key rotation, the re-encryption job.
 */
export async function startReceiptJobs(deps: ReceiptJobsDeps): Promise<ReceiptJobs> {
  const { store, crypto, logger } = deps;
  const clock = deps.clock ?? (() => new Date());
  const emailQueue = deps.queues.queue(RECEIPT_EMAIL_QUEUE);
  const emails = emailDeliveries({
    queue: emailQueue,
    deliveries: store.deliveries,
    crypto,
    clock,
    ...(deps.emailRetry && { retry: deps.emailRetry }),
  });
  await consumeEvents({
    queues: deps.queues,
    service: 'receipt-service',
    connection: deps.database,
    handlers: receiptEventHandlers({
      recipients: store.recipients,
      emails,
      erasure: store.erasure,
      erasureOutcomes: store.erasureOutcomes,
      loyalty: store.loyalty,
      rollups: store.salesRollups,
      returnedSales: store.returnLinks,
      countContactQuality: (sales) =>
        countContactQualityOfSales({ rollups: store.contactQuality, crypto }, sales),
      loyaltyWaitMs: deps.loyaltyWaitMs,
      clock,
    }),
    concurrency: deps.inboxConcurrency ?? 1,
    logger,
  });
  const sendReceiptEmail = emailReceipt({
    deliveries: store.deliveries,
    receipts: store.receipts,
    emailPreferences: store.emailPreferences,
    loyalty: store.loyalty,
    crypto,
    mailer: deps.mailer,
    publicUrl: deps.publicUrl,
    clock,
    logger: logger.child({ queue: RECEIPT_EMAIL_QUEUE }),
    report: (outcome) => emails.report(outcome),
    rollups: store.salesRollups,
  });
  emailQueue
    .process(deps.emailConcurrency ?? 1, (job) => sendReceiptEmail(receiptEmailAttempt(job)))
    .catch((error: unknown) => logger.error({ err: error }, 'receipt email processing stopped'));
  const overdueEmails = startOverdueDeliverySweep({
    queue: emailQueue,
    deliveries: store.deliveries,
    rollups: store.salesRollups,
    report: (outcome) => emails.report(outcome),
    clock,
    logger: logger.child({ queue: RECEIPT_EMAIL_QUEUE }),
    ...(deps.emailRetry && { retry: deps.emailRetry }),
    schedule: deps.scheduleOverdueSweep !== false,
  });
  const dispatcher = startOutboxDispatcher({
    ...deps.dispatcher,
    models: store.outboxModels,
    publish: createEventPublisher(deps.queues),
    logger,
  });
  const retention = await startRetention({
    queues: deps.queues,
    service: 'receipt-service',
    classes: receiptRetention(deps.database, deps.retentionDays ?? receiptRetentionDefaults),
    logger,
    clock,
  });
  // After a key rotation: rewrites every declared encrypted field under the active key.
  const reencryption = await startReencryption({
    queues: deps.queues,
    service: 'receipt-service',
    database: deps.database,
    cipher: deps.crypto.cipher,
    collections: receiptEncryptedFields,
    logger: deps.logger,
    schedule: deps.scheduleReencryption !== false,
  });
  return {
    outbox: dispatcher,
    emails,
    purgeExpired: retention.runNow,
    reencrypt: reencryption.runNow,
    sweepOverdueEmails: () => overdueEmails.runNow(),
    stop: () => {
      overdueEmails.stop();
      return dispatcher.stop();
    },
  };
}
