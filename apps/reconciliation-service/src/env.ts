import {
  cryptoEnv,
  httpEnv,
  mongoEnv,
  parseEnv,
  redisEnv,
  runtimeEnv,
  serviceAuthEnv,
  type EnvOf,
} from '@scontrino/config';

const fragments = [
  runtimeEnv,
  httpEnv(4003),
  mongoEnv('scontrino_reconciliation'),
  redisEnv,
  serviceAuthEnv,
  cryptoEnv,
] as const;

export type ReconciliationEnv = EnvOf<typeof fragments>;

/** Throws a ConfigError naming every bad variable. */
export function loadReconciliationEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): ReconciliationEnv {
  return parseEnv('reconciliation-service', fragments, source);
}
