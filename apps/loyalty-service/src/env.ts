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
  httpEnv(4002),
  mongoEnv('scontrino_loyalty'),
  redisEnv,
  serviceAuthEnv,
  cryptoEnv,
] as const;

export type LoyaltyEnv = EnvOf<typeof fragments>;

/** Throws a ConfigError naming every bad variable. */
export function loadLoyaltyEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): LoyaltyEnv {
  return parseEnv('loyalty-service', fragments, source);
}
