import { ConfigError } from '@scontrino/config';
import { runReencryptionCli } from '@scontrino/db';
import { loadReceiptEnv } from '../env.js';
import { receiptEncryptedFields } from '../store/encrypted-fields.js';
import { receiptCrypto } from '../store/receipt-crypto.js';

// `pnpm --filter @scontrino/receipt-service reencrypt [--dry-run]`, configured like the service.
try {
  const env = loadReceiptEnv();
  await runReencryptionCli({
    service: 'receipt-service',
    mongoUri: env.MONGODB_URI,
    cipher: receiptCrypto(env).cipher,
    collections: receiptEncryptedFields,
  });
} catch (error) {
  if (!(error instanceof ConfigError)) throw error;
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
}
