import { randomBytes } from 'node:crypto';

const key = () => randomBytes(32).toString('base64');

/**
 * Valid stand-ins for the Secret templates' REPLACE_ME values, by variable, so the checks can run a
 * service's real validation on the manifests' configuration. A new secret needs a line here.
 */
export const exampleSecretValues: Readonly<Record<string, () => string>> = {
  SERVICE_TOKEN: () => randomBytes(32).toString('base64url'),
  METRICS_TOKEN: () => randomBytes(32).toString('base64url'),
  CRYPTO_KEYS: () => JSON.stringify({ 1: key(), 2: key() }),
  LOOKUP_HASH_KEY: key,
  REDIS_URL: () => 'rediss://:password@redis.example.internal:6380',
  SMTP_URL: () => 'smtps://user:password@smtp.example.com:465',
  AUDIT_REPORT_SMTP_URL: () => 'smtps://user:password@smtp.example.com:465',
  MONGODB_URI: () => 'mongodb+srv://user:password@cluster.example.net/scontrino',
};

export const PLACEHOLDER = 'REPLACE_ME';

/** The environment with each placeholder replaced by a valid example value. */
export function withExampleSecrets(environment: Record<string, string>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(environment).map(([variable, value]) => {
      if (value !== PLACEHOLDER) return [variable, value];
      const example = exampleSecretValues[variable];
      if (!example) throw new Error(`no example value for the secret ${variable} (example-secrets.ts)`);
      return [variable, example()];
    }),
  );
}
