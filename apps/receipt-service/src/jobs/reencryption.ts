import { reencryptCollections } from '@scontrino/db';
import { type QueueFactory, startReencryption } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { receiptEncryptedFields } from '../store/encrypted-fields.js';
import type { ReceiptCrypto } from '../store/receipt-crypto.js';

/**
 * After a key rotation, rewrites receipts' tokens and claim codes, customers' identifiers and the
 * addresses of claims and deliveries under the active key: once at start and daily at 04:15 UTC
 * while CRYPTO_KEYS holds older keys (docs/operations.md).
 */
export function startReceiptReencryption(deps: {
  queues: QueueFactory;
  database: Connection;
  crypto: Pick<ReceiptCrypto, 'cipher'>;
  logger: Logger;
  schedule?: boolean;
}) {
  const run = () =>
    reencryptCollections({
      connection: deps.database,
      cipher: deps.crypto.cipher,
      collections: receiptEncryptedFields,
      logger: deps.logger.child({ job: 'receipt-service-reencryption' }),
    });
  return startReencryption({
    queues: deps.queues,
    service: 'receipt-service',
    olderKeysInUse: deps.crypto.cipher.hasOlderKeys,
    run,
    logger: deps.logger,
    schedule: deps.schedule ?? true,
  });
}
