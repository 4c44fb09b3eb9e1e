import { ConfigError } from '@scontrino/config';
import { runReencryptionCli } from '@scontrino/db';
import { loadLoyaltyEnv } from '../env.js';
import { loyaltyEncryptedFields } from '../store/encrypted-fields.js';
import { loyaltyCrypto } from '../store/loyalty-crypto.js';

// `pnpm --filter @scontrino/loyalty-service reencrypt [--dry-run]`, configured like the service.
try {
  const env = loadLoyaltyEnv();
  await runReencryptionCli({
    service: 'loyalty-service',
    mongoUri: env.MONGODB_URI,
    cipher: loyaltyCrypto(env).cipher,
    collections: loyaltyEncryptedFields,
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
