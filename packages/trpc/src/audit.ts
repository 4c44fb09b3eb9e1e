import type { StaffRole } from '@scontrino/staff-access';

/**
 * One line of the audit log: who (a member of staff, from their token), did what (the procedure),
 * to what (the ids it named, never personal data), why (the reason they gave), when, and how it
 * ended. Services append these; nothing edits or removes them before their retention ends.
 */
export interface AuditEntry {
  at: Date;
  actor: { subject: string; name: string | null; roles: readonly StaffRole[] };
  action: string;
  /** `change` (money, points, links, configuration), `read` (personal data), `refused` attempts keep the kind they tried. */
  kind: 'change' | 'read';
  tenantId: string | null;
  /**
   * The ids the request named (`storeId`, `memberId`, `profileId`…), as strings, and for a reveal
   * the kinds of data it asked for in clear (`fields`: `email,phone`).
   */
  target: Readonly<Record<string, string>>;
  reason: string | null;
  outcome: 'ok' | 'refused' | 'failed';
  /** The error code when the action was refused or failed (`auth.forbidden`, `ledger.insufficient_points`…). */
  errorCode: string | null;
  requestId: string;
}

/** Where a service appends its audit entries (`@scontrino/audit` keeps them in the service's database). */
export interface AuditRecorder {
  record(entry: AuditEntry): Promise<void>;
}

/** Input fields that name what an action touches; only these reach the log, so no e-mail or phone ever does. */
const targetFields = [
  'tenantId',
  'storeId',
  'terminalId',
  'receiptId',
  'transactionId',
  'memberId',
  'profileId',
  'otherProfileId',
  'suggestionId',
  'linkId',
  'identifierId',
  'version',
] as const;

/**
 * The longest id the log keeps: as long as the services' own id inputs allow (a link's or a
 * suggestion's id joins two identifier ids of hashes, ~150 characters); longer values are dropped.
 */
const TARGET_ID_MAX = 400;

/** A kind of data (`email`, `name`…): a word, so no value the caller typed in its place is logged. */
const fieldName = /^[A-Za-z]{1,32}$/;

/** The target ids and the reason an input names, read from the raw input (before validation, so refused calls are logged too). */
export function auditTarget(rawInput: unknown): { target: Record<string, string>; reason: string | null } {
  const target: Record<string, string> = {};
  if (typeof rawInput !== 'object' || rawInput === null) return { target, reason: null };
  const input = rawInput as Record<string, unknown>;
  for (const field of targetFields) {
    const value = input[field];
    if ((typeof value === 'string' || typeof value === 'number') && String(value).length <= TARGET_ID_MAX)
      target[field] = String(value);
  }
  if (Array.isArray(input.fields)) {
    const named = input.fields.filter(
      (field): field is string => typeof field === 'string' && fieldName.test(field),
    );
    if (named.length > 0) target.fields = [...new Set(named)].slice(0, 16).join(',');
  }
  const reason = typeof input.reason === 'string' ? input.reason.slice(0, 500) : null;
  return { target, reason };
}
