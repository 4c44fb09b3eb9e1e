import type { Connection } from 'mongoose';
import { auditLog } from './audit-log.js';

/**
 * The audit log as a retention data class (`audit_log` in RETENTION_DAYS), shaped like the
 * services' other classes (`RetentionClass` of `@scontrino/queue`): the only way entries leave.
 */
export function auditRetention(connection: Connection, service: string, keepDays: number) {
  const log = auditLog(connection, service);
  return { name: 'audit_log', keepDays, purge: (before: Date) => log.purgeBefore(before) };
}

/** Two years by default: long enough for a yearly audit and the one before it. */
export const AUDIT_RETENTION_DAYS = 730;
