import {
  cryptoEnv,
  envFragment,
  httpEnv,
  mailEnv,
  mongoEnv,
  parseEnv,
  redisEnv,
  retentionEnv,
  runtimeEnv,
  serviceAuthEnv,
  staffAuthEnv,
  type EnvOf,
} from '@scontrino/config';
import { z } from 'zod';
import { receiptRetentionDefaults } from './store/retention.js';

/**
 * How long the email of a card sale waits for its loyalty block (the loyalty service's
 * `sale.credited`); past it the email goes without, and the hosted page shows the block once it comes.
 */
const loyaltyEnv = envFragment({
  shape: {
    LOYALTY_BLOCK_WAIT_MS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(0, 'must be between 0 and 60000')
      .max(60_000, 'must be between 0 and 60000'),
  },
  defaults: { LOYALTY_BLOCK_WAIT_MS: '5000' },
});

const fragments = [
  runtimeEnv,
  httpEnv(4001),
  mongoEnv('scontrino_receipt'),
  redisEnv,
  serviceAuthEnv,
  staffAuthEnv,
  cryptoEnv,
  mailEnv,
  loyaltyEnv,
  retentionEnv(receiptRetentionDefaults),
] as const;

export type ReceiptEnv = EnvOf<typeof fragments>;

/** Throws a ConfigError naming every bad variable. */
export function loadReceiptEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): ReceiptEnv {
  return parseEnv('receipt-service', fragments, source);
}
