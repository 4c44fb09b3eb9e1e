import { createHash } from 'node:crypto';
import { identifierTypes, type IdentifierType } from '@scontrino/identity';
import type { IdentifierId } from './graph/types.js';

/** `<tenantId>:<type>:<hash>`: tenants never share identifiers, and the hash is base64url (no `:`). */
export function identifierIdOf(tenantId: string, type: IdentifierType, hash: string): IdentifierId {
  return `${tenantId}:${type}:${hash}`;
}

export function parseIdentifierId(
  id: string,
): { tenantId: string; type: IdentifierType; hash: string } | null {
  const match = /^([^:]+):([^:]+):([A-Za-z0-9_-]+)$/.exec(id);
  const type = match?.[2] as IdentifierType | undefined;
  if (!match || !type || !identifierTypes.includes(type)) return null;
  return { tenantId: match[1] as string, type, hash: match[3] as string };
}

/** One suggestion per pair of identifiers, whatever the order it was scored in. */
export const suggestionIdOf = (a: IdentifierId, b: IdentifierId): string =>
  a < b ? `sug:${a}~${b}` : `sug:${b}~${a}`;

/** One link per pair, whatever the order it was seen in. */
export function linkIdOf(a: IdentifierId, b: IdentifierId): string {
  return a < b ? `lnk:${a}~${b}` : `lnk:${b}~${a}`;
}

export function parseLinkId(linkId: string): { a: IdentifierId; b: IdentifierId } | null {
  const match = /^lnk:([^~]+)~([^~]+)$/.exec(linkId);
  return match ? { a: match[1] as string, b: match[2] as string } : null;
}

/**
 * An id derived from the operation that creates it (`prf_…`, `mrg_…`): replaying the operation
 * after a crash yields the same ids, so its inserts dedupe instead of doubling.
 */
export function derivedId(prefix: string, ...parts: readonly string[]): string {
  return `${prefix}_${createHash('sha256').update(parts.join('\u0000')).digest('base64url').slice(0, 22)}`;
}

export const observationIds = {
  transaction: (transactionRecordId: string) => `txn:${transactionRecordId}`,
  claim: (receiptId: string) => `claim:${receiptId}`,
  order: (tenantId: string, shopId: string, orderId: string) => `order:${tenantId}:${shopId}:${orderId}`,
  identify: (source: string, sourceId: string) => `identify:${source}:${sourceId}`,
  /** The loyalty program's record of a card (`member.enrolled`): one per member, or card added later. */
  enrolment: (tenantId: string, sourceId: string) => `enrolment:${tenantId}:${sourceId}`,
};
