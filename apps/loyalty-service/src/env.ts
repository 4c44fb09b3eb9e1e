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
import { loyaltyRetentionDefaults } from './store/retention.js';

/** Where the receipt service answers tRPC (the app's `me.receipts` reads receipts from it). */
const receiptServiceEnv = envFragment({
  shape: {
    RECEIPT_SERVICE_URL: z
      .url({ error: 'must be a URL starting with http:// or https://' })
      .refine((value) => ['http:', 'https:'].includes(new URL(value).protocol), {
        error: 'must start with http:// or https://',
      }),
  },
  devDefaults: { RECEIPT_SERVICE_URL: 'http://localhost:4001' },
});

/** How long a member's app session token lives after signing in with an emailed code. */
const memberSessionEnv = envFragment({
  shape: {
    MEMBER_TOKEN_TTL_MINUTES: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 1440')
      .max(24 * 60, 'must be between 1 and 1440'),
  },
  defaults: { MEMBER_TOKEN_TTL_MINUTES: '30' },
});

/**
 * Inbox events handled at once. Writers of one member are serialised by the ledger itself, so
 * more only helps different members' sales; measured with `pnpm bench`, 8 credits about twice to
 * three times as many events per second as 1, and 16 no more than 8.
 */
const inboxEnv = envFragment({
  shape: {
    INBOX_CONCURRENCY: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 64')
      .max(64, 'must be between 1 and 64'),
  },
  defaults: { INBOX_CONCURRENCY: '8' },
});

const fragments = [
  runtimeEnv,
  httpEnv(4002),
  mongoEnv('scontrino_loyalty'),
  redisEnv,
  serviceAuthEnv,
  staffAuthEnv,
  cryptoEnv,
  // Sign-in codes for the loyalty app go out by email.
  mailEnv,
  receiptServiceEnv,
  memberSessionEnv,
  inboxEnv,
  retentionEnv(loyaltyRetentionDefaults),
] as const;

export type LoyaltyEnv = EnvOf<typeof fragments>;

/** Throws a ConfigError naming every bad variable. */
export function loadLoyaltyEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): LoyaltyEnv {
  return parseEnv('loyalty-service', fragments, source);
}
