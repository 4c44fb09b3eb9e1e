import { randomBytes } from 'node:crypto';
import { withDatabaseName } from '@scontrino/stack';
import { testStack } from './test-stack.js';

/**
 * A name no other call returns, for databases, queue prefixes, mail recipients:
 * `uniqueName('outbox')` → `t_outbox_k3j9x2ab`. Safe as a database name (letters, digits, `_`).
 */
export function uniqueName(label: string): string {
  const safeLabel = label
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, '_')
    .slice(0, 30);
  const suffix = randomBytes(5).readUIntBE(0, 5).toString(36).padStart(8, '0');
  return `t_${safeLabel}_${suffix}`;
}

/** A connection string to a database of its own, empty until the test writes to it. */
export function testDatabaseUri(label: string): string {
  return withDatabaseName(testStack().mongoUri, uniqueName(label));
}

/**
 * An e-mail address no other call returns: `uniqueEmail('buyer')` → `buyer-qhzkeabwmtrxpcoslvdn@example.test`.
 * Letters only after the label: the till refuses any field holding 13 or more digits that pass
 * the Luhn check as a card number, and a random UUID (`1234-5678…`) does one time in 360.
 */
export function uniqueEmail(label: string): string {
  const letters = Array.from(randomBytes(20), (byte) => String.fromCharCode(97 + (byte % 26))).join('');
  return `${label}-${letters}@example.test`;
}
