import type { Observation } from '../../domain/observations/observation.js';
import { nameKey } from '../../domain/suggestions/suggestion-rules.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';

/**
 * The keyed hash of the name an observation's source gave (a web order, an identify), read as its
 * name key (case, accents and word order aside); null when it gave none, or a single word. The
 * same hash files the suggestions' `name:` blocking key, and households tell members apart by it.
 */
export function observationNameHash(crypto: IdentityCrypto, observation: Observation): string | null {
  const key = observation.nameSealed ? nameKey(crypto.openName(observation.nameSealed)) : null;
  return key && crypto.lookupHash('name', key);
}
