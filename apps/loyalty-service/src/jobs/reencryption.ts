import { reencryptCollections } from '@scontrino/db';
import { type QueueFactory, startReencryption } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { loyaltyEncryptedFields } from '../store/encrypted-fields.js';
import type { LoyaltyCrypto } from '../store/loyalty-crypto.js';

/**
 * After a key rotation, rewrites the members' and sales' encrypted values under the active key:
 * once at start and daily at 04:15 UTC while CRYPTO_KEYS holds older keys (docs/operations.md).
 */
export function startLoyaltyReencryption(deps: {
  queues: QueueFactory;
  database: Connection;
  crypto: Pick<LoyaltyCrypto, 'cipher'>;
  logger: Logger;
  schedule?: boolean;
}) {
  const run = () =>
    reencryptCollections({
      connection: deps.database,
      cipher: deps.crypto.cipher,
      collections: loyaltyEncryptedFields,
      logger: deps.logger.child({ job: 'loyalty-service-reencryption' }),
    });
  return startReencryption({
    queues: deps.queues,
    service: 'loyalty-service',
    olderKeysInUse: deps.crypto.cipher.hasOlderKeys,
    run,
    logger: deps.logger,
    schedule: deps.schedule ?? true,
  });
}
