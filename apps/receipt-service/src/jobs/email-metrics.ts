import { Counter, type Registry } from '@scontrino/service';
import type { EmailDeliveries } from './email-deliveries.js';

/**
 * `receipt_emails_total{result}` (sent, suppressed, failed) per attempt, and
 * `receipt_email_failures_total{reason, final}`: `final="true"` when no retry is left, so an alert
 * on lost receipts needs only that series.
 */
export function registerEmailMetrics(registry: Registry, emails: Pick<EmailDeliveries, 'onOutcome'>): void {
  const attempts = new Counter({
    name: 'receipt_emails_total',
    help: 'Receipt email attempts by result: sent, suppressed (opted out, erased) or failed',
    labelNames: ['result'],
    registers: [registry],
  });
  const failures = new Counter({
    name: 'receipt_email_failures_total',
    help: 'Failed receipt email attempts by reason; final="true" when no retry is left',
    labelNames: ['reason', 'final'],
    registers: [registry],
  });
  emails.onOutcome((outcome) => {
    attempts.inc({ result: outcome.result });
    if (outcome.result === 'failed') failures.inc({ reason: outcome.reason, final: String(outcome.final) });
  });
}
