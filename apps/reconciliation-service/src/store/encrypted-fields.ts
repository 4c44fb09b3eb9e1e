import type { EncryptedCollection } from '@scontrino/db';
import type { IdentifierType } from '@scontrino/identity';
import { identifierValueContext, NAME_CONTEXT } from './identity-crypto.js';

const byType = (holder: Readonly<Record<string, unknown>>) =>
  identifierValueContext(holder.type as IdentifierType);

/**
 * Every value this service stores encrypted, by collection: what the re-encryption job rewrites
 * after a key rotation. A new encrypted field is declared here, or it keeps its old key forever.
 * Outbox events are not listed: they leave the document within seconds.
 */
export const reconciliationEncryptedFields: readonly EncryptedCollection[] = [
  { collection: 'identifiers', fields: [{ path: 'sealed', context: byType, reads: ['type'] }] },
  {
    collection: 'observations',
    fields: [
      { path: 'identifiers[].sealed', context: byType },
      { path: 'nameSealed', context: NAME_CONTEXT },
    ],
  },
];
