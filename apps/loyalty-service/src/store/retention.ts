import { AUDIT_RETENTION_DAYS, auditRetention } from '@scontrino/audit';
import { processedEventsRetention, type RetentionClass } from '@scontrino/queue';
import type { Connection } from 'mongoose';
import type { LoyaltyStore } from './loyalty-store.js';

/** The loyalty service's data classes with a retention, and their days by default. */
export const loyaltyRetentionDefaults = {
  /** Inbox de-duplication: well past bull's 7 days of redelivery. */
  processed_events: 30,
  /** Sign-in codes and their attempts live 10 minutes; their records go a day later. */
  sign_in_codes: 1,
  /** Receipts claimed by an address that never joined: past any program's retro window. */
  early_claims: 90,
  /** Staff actions (docs/security.md, "Audit log"). */
  audit_log: AUDIT_RETENTION_DAYS,
} as const;

export type LoyaltyDataClass = keyof typeof loyaltyRetentionDefaults;

/**
 * What the daily purge removes. Members and the ledger stay: the ledger is the retailer's account
 * of points given and spent, and a member leaves by erasure, not by age.
 */
export function loyaltyRetention(
  connection: Connection,
  store: Pick<LoyaltyStore, 'signInCodes' | 'earlyClaims'>,
  days: Record<LoyaltyDataClass, number>,
): RetentionClass[] {
  return [
    processedEventsRetention(connection, days.processed_events),
    auditRetention(connection, 'loyalty-service', days.audit_log),
    {
      name: 'sign_in_codes',
      keepDays: days.sign_in_codes,
      purge: (before) => store.signInCodes.purgeBefore(before),
    },
    {
      name: 'early_claims',
      keepDays: days.early_claims,
      purge: (before) => store.earlyClaims.purgeBefore(before),
    },
  ];
}
