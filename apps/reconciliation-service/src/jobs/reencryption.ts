import { reencryptCollections } from '@scontrino/db';
import { type QueueFactory, startReencryption } from '@scontrino/queue';
import type { Logger } from '@scontrino/service';
import type { Connection } from 'mongoose';
import { reconciliationEncryptedFields } from '../store/encrypted-fields.js';
import type { IdentityCrypto } from '../store/identity-crypto.js';

/**
 * After a key rotation, rewrites identifiers' and observations' sealed values under the active
 * key: once at start and daily at 04:15 UTC while CRYPTO_KEYS holds older keys (docs/operations.md).
 */
export function startReconciliationReencryption(deps: {
  queues: QueueFactory;
  database: Connection;
  crypto: Pick<IdentityCrypto, 'cipher'>;
  logger: Logger;
  schedule?: boolean;
}) {
  const run = () =>
    reencryptCollections({
      connection: deps.database,
      cipher: deps.crypto.cipher,
      collections: reconciliationEncryptedFields,
      logger: deps.logger.child({ job: 'reconciliation-service-reencryption' }),
    });
  return startReencryption({
    queues: deps.queues,
    service: 'reconciliation-service',
    olderKeysInUse: deps.crypto.cipher.hasOlderKeys,
    run,
    logger: deps.logger,
    schedule: deps.schedule ?? true,
  });
}
