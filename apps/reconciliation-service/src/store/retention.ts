import { AUDIT_RETENTION_DAYS } from '@scontrino/audit';

/**
 * The reconciliation service's data classes with a retention. Observations are the evidence of
 * every link ("why are these one customer?"): they go with their person (erasure), not by age.
 */
export const reconciliationRetentionDefaults = {
  /** Inbox de-duplication: well past bull's 7 days of redelivery. */
  processed_events: 30,
  /**
   * What a customer bought, kept on web-order and till observations for the customer view's
   * recency, frequency and value; the observations themselves stay as the links' evidence.
   */
  observation_purchases: 730,
  /** Staff actions (docs/security.md, "Audit log"). */
  audit_log: AUDIT_RETENTION_DAYS,
} as const;

export type ReconciliationDataClass = keyof typeof reconciliationRetentionDefaults;
