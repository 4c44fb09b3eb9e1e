import { randomBytes } from 'node:crypto';

/**
 * Fresh secrets for one local run: the services' shared bearer token, the scrape token of their
 * `/metrics`, and their encryption and lookup-hash keys. Each run has its own data directory, so
 * nothing encrypted outlives its keys.
 */
export function devSecrets(): Record<
  'SERVICE_TOKEN' | 'METRICS_TOKEN' | 'CRYPTO_KEYS' | 'CRYPTO_ACTIVE_KEY' | 'LOOKUP_HASH_KEY',
  string
> {
  const key = () => randomBytes(32).toString('base64');
  return {
    SERVICE_TOKEN: `dev_${randomBytes(24).toString('base64url')}`,
    METRICS_TOKEN: `dev_metrics_${randomBytes(24).toString('base64url')}`,
    CRYPTO_KEYS: JSON.stringify({ '1': key() }),
    CRYPTO_ACTIVE_KEY: '1',
    LOOKUP_HASH_KEY: key(),
  };
}
