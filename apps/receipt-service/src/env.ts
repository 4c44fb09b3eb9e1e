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
import { DEFAULT_OCCURRED_AT_WINDOW, type OccurredAtWindow } from '@scontrino/contracts';
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

const concurrency = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 64')
  .max(64, 'must be between 1 and 64');

/**
 * Jobs handled at once. The inbox: the till's sales (each a delivery to queue) and loyalty's
 * blocks arriving together are handled in one batch, so more jobs at once means fewer writes per
 * sale. The e-mails: each waits on its reads and on the SMTP relay, not on the processor, and
 * each delivery is written by its own job only, so they go side by side.
 */
const jobsEnv = envFragment({
  shape: { INBOX_CONCURRENCY: concurrency, EMAIL_CONCURRENCY: concurrency },
  defaults: { INBOX_CONCURRENCY: '8', EMAIL_CONCURRENCY: '8' },
});

/**
 * The claim form's limits: at most `CLAIM_RATE_LIMIT` claims per `CLAIM_RATE_WINDOW_SECONDS`, per
 * client IP and per claim code, counted in Redis across replicas. Raise them behind a shop's
 * shared Wi-Fi or a carrier NAT, where many customers share one IP.
 */
const claimLimitEnv = envFragment({
  shape: {
    CLAIM_RATE_LIMIT: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 100000')
      .max(100_000, 'must be between 1 and 100000'),
    CLAIM_RATE_WINDOW_SECONDS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 86400')
      .max(86_400, 'must be between 1 and 86400'),
  },
  defaults: { CLAIM_RATE_LIMIT: '10', CLAIM_RATE_WINDOW_SECONDS: '900' },
});

/** The claim limits as the claim routes take them; the defaults (10 per 15 minutes) for what is unset. */
export function claimRateLimitOf(
  env: Partial<Pick<ReceiptEnv, 'CLAIM_RATE_LIMIT' | 'CLAIM_RATE_WINDOW_SECONDS'>>,
): { windowMs: number; limit: number } {
  return { windowMs: (env.CLAIM_RATE_WINDOW_SECONDS ?? 900) * 1000, limit: env.CLAIM_RATE_LIMIT ?? 10 };
}

/**
 * How far a till's `occurredAt` may lie from the service's clock (contract rule 6): older sales
 * are refused as a broken clock, not stored as history; a till offline for longer is a case for
 * a data import, not for raising this.
 */
const occurredAtEnv = envFragment({
  shape: {
    OCCURRED_AT_MAX_AGE_DAYS: z.coerce.number().int().min(1).max(3650),
    OCCURRED_AT_MAX_LEAD_SECONDS: z.coerce.number().int().min(0).max(86_400),
  },
  defaults: { OCCURRED_AT_MAX_AGE_DAYS: '400', OCCURRED_AT_MAX_LEAD_SECONDS: '300' },
});

/** The window of rule 6 as the contract's rules take it; the contract's default for what is unset. */
export function occurredAtWindowOf(
  env: Partial<Pick<ReceiptEnv, 'OCCURRED_AT_MAX_AGE_DAYS' | 'OCCURRED_AT_MAX_LEAD_SECONDS'>>,
): OccurredAtWindow {
  const days = env.OCCURRED_AT_MAX_AGE_DAYS;
  const seconds = env.OCCURRED_AT_MAX_LEAD_SECONDS;
  return {
    maxAgeMs: days === undefined ? DEFAULT_OCCURRED_AT_WINDOW.maxAgeMs : days * 86_400_000,
    maxLeadMs: seconds === undefined ? DEFAULT_OCCURRED_AT_WINDOW.maxLeadMs : seconds * 1000,
  };
}

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
  jobsEnv,
  claimLimitEnv,
  occurredAtEnv,
  retentionEnv(receiptRetentionDefaults),
] as const;

export type ReceiptEnv = EnvOf<typeof fragments>;

/** Throws a ConfigError naming every bad variable. */
export function loadReceiptEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): ReceiptEnv {
  return parseEnv('receipt-service', fragments, source);
}
