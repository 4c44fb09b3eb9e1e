import { type Identifier, placeholderEmailPrefixes, placeholderEmails } from '@scontrino/identity';
import type { BlocklistEntry, GraphConfig } from './types.js';

/**
 * The placeholder e-mails cashiers type when the customer gives none, and test addresses
 * (`@scontrino/identity`): nobody may be matched on them. A retailer adds its stores' own phones
 * and its own placeholders to its settings.
 */
export const defaultBlocklist: readonly BlocklistEntry[] = [
  ...placeholderEmailPrefixes.map((prefix) => ({ type: 'email' as const, prefix })),
  ...placeholderEmails.map((value) => ({ type: 'email' as const, value })),
];

/**
 * The guards when a retailer has not set its own: at most 3 e-mails, 3 cards and 3 phones per
 * person; an identifier that would join more than 5 people is junk; a card or payment fingerprint
 * shared by people who each hold a different phone or web account, or each proved a different
 * e-mail, makes a household. Unproven e-mails do not count: a cashier's typo or a person's second
 * address on the same card is far more common than a family told apart only by them.
 */
export const defaultGraphConfig: GraphConfig = {
  limits: { card: 3, email: 3, phone: 3, webAccount: 5, payment: 25, device: 10 },
  blocklist: defaultBlocklist,
  junkK: 5,
  junkCountedTypes: ['card', 'email', 'phone', 'webAccount'],
  householdTypes: ['card', 'payment'],
  householdConflictTypes: ['phone', 'webAccount'],
};

/**
 * Names kept per identifier (the first ones seen): a shared phone or address that collects more
 * tells nobody apart by name, and the document stays small.
 */
export const MAX_NAMES_PER_IDENTIFIER = 5;

/** Whether a normalised identifier is on the blocklist (checked at ingest, where the value is known). */
export function isBlocked(identifier: Identifier, blocklist: readonly BlocklistEntry[]): boolean {
  return blocklist.some(
    (entry) =>
      entry.type === identifier.type &&
      ((entry.value !== undefined && entry.value === identifier.value) ||
        (entry.prefix !== undefined && identifier.value.startsWith(entry.prefix))),
  );
}
