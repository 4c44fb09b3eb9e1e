import { ConfigError } from '@scontrino/config';
import { runReencryptionCli } from '@scontrino/db';
import { loadReconciliationEnv } from '../env.js';
import { reconciliationEncryptedFields } from '../store/encrypted-fields.js';
import { identityCrypto } from '../store/identity-crypto.js';

// `pnpm --filter @scontrino/reconciliation-service reencrypt [--dry-run]`, configured like the service.
try {
  const env = loadReconciliationEnv();
  await runReencryptionCli({
    service: 'reconciliation-service',
    mongoUri: env.MONGODB_URI,
    cipher: identityCrypto(env).cipher,
    collections: reconciliationEncryptedFields,
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
