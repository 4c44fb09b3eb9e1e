import { sealedIdentifierContext } from '@scontrino/contracts';
import type { EncryptedCollection } from '@scontrino/db';
import type { IdentifierType } from '@scontrino/identity';
import { MEMBER_CARD_CONTEXT, MEMBER_EMAIL_CONTEXT, MEMBER_NAME_CONTEXT } from './loyalty-crypto.js';

/**
 * Every value this service stores encrypted, by collection: what the re-encryption job rewrites
 * after a key rotation. A new encrypted field is declared here, or it keeps its old key forever.
 * Outbox events are not listed: they leave the document within seconds.
 */
export const loyaltyEncryptedFields: readonly EncryptedCollection[] = [
  {
    collection: 'members',
    fields: [
      { path: 'email.encrypted', context: MEMBER_EMAIL_CONTEXT },
      { path: 'name', context: MEMBER_NAME_CONTEXT },
      { path: 'cards[].encrypted', context: MEMBER_CARD_CONTEXT },
    ],
  },
  {
    // The receipt service's `transaction.recorded` as it came: identifiers sealed for events.
    collection: 'sales',
    fields: [
      {
        path: 'payload.identifiers[].sealed',
        context: (identifier) => sealedIdentifierContext(identifier.type as IdentifierType),
      },
    ],
  },
];
