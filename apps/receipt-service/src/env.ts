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

/** Where the loyalty block of a receipt comes from; a slow or absent loyalty service never holds a receipt. */
const loyaltyEnv = envFragment({
  shape: {
    LOYALTY_SERVICE_URL: z
      .url()
      .refine((value) => /^https?:/.test(value), { error: 'must be an http(s) URL' }),
    LOYALTY_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000),
  },
  defaults: { LOYALTY_TIMEOUT_MS: '1500' },
  devDefaults: { LOYALTY_SERVICE_URL: 'http://localhost:4002' },
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
