import { mailLettersKey } from '../../domain/suggestions/email-variants.js';
import { phoneDigitsKey } from '../../domain/suggestions/suggestion-rules.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';
import { observationNameHash } from './observation-name.js';

/**
 * The blocking keys one observation files its e-mails and phones under, each a match-key
 * document read by `_id` (the hashed value in its id, never in clear):
 * - `name`: the name the source gave (every e-mail and phone of the observation);
 * - `mail`: an e-mail's letters (dot variants, typos, numbered namesakes share it);
 * - `store`: the same letters at this observation's store (co-occurrence at one store);
 * - `phone9`: a phone's national digits (one number under two prefixes).
 * Every key offers candidates (the model scores a pair that shares only a name low); `name` and
 * `store` also say what the pair shares.
 */
export interface BlockingKeys {
  name: string | null;
  /** Candidate keys per identifier id, with whether the key is the store's. */
  candidates: Map<string, { key: string; atStore: boolean }[]>;
}

/**
 * A phone's national digits (its last nine) as a keyed hash: the same number read under two
 * country prefixes shares it. The `phone9` blocking key, and the identifier's `numberKey`.
 */
export function phoneNumberKey(crypto: IdentityCrypto, e164: string): string | null {
  const digits = phoneDigitsKey(e164);
  return digits ? crypto.lookupHash('phone-digits', digits) : null;
}

export function blockingKeysOf(crypto: IdentityCrypto, observation: Observation): BlockingKeys {
  const name = observationNameHash(crypto, observation);
  const candidates = new Map<string, { key: string; atStore: boolean }[]>();
  for (const identifier of observation.identifiers) {
    if (identifier.type !== 'email' && identifier.type !== 'phone') continue;
    const value = crypto.openValue(identifier.type, identifier.sealed);
    const keys: { key: string; atStore: boolean }[] = [];
    if (identifier.type === 'phone') {
      const digits = phoneNumberKey(crypto, value);
      if (digits) keys.push({ key: `phone9:${digits}`, atStore: false });
    } else {
      const letters = mailLettersKey(value);
      const hashed = letters && crypto.lookupHash('mail-letters', letters);
      if (hashed) keys.push({ key: `mail:${hashed}`, atStore: false });
      if (hashed && observation.storeId)
        keys.push({ key: `store:${observation.storeId}:mail:${hashed}`, atStore: true });
    }
    candidates.set(identifier.id, keys);
  }
  return { name: name && `name:${name}`, candidates };
}
