import {
  cryptoEnv,
  httpEnv,
  mailEnv,
  mongoEnv,
  parseEnv,
  redisEnv,
  runtimeEnv,
  serviceAuthEnv,
  type EnvOf,
} from '@scontrino/config';

const fragments = [
  runtimeEnv,
  httpEnv(4001),
  mongoEnv('scontrino_receipt'),
  redisEnv,
  serviceAuthEnv,
  cryptoEnv,
  mailEnv,
] as const;

export type ReceiptEnv = EnvOf<typeof fragments>;

/** Throws a ConfigError naming every bad variable. */
export function loadReceiptEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): ReceiptEnv {
  return parseEnv('receipt-service', fragments, source);
}
