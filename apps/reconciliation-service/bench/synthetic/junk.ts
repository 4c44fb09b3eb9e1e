import { renderPhone } from './phones.js';
import type { ObservedIdentifier } from './observations.js';
import type { SeededRandom } from './prng.js';
import type { SyntheticStore } from './stores.js';

/**
 * What cashiers type when the till insists on an e-mail the customer does not give, by how often.
 * Some are on every blocklist (`noemail@…`, `test@test.com`), others only junk detection can catch.
 */
export const placeholderEmails = {
  'noemail@noemail.com': 4,
  'nomail@negozio.it': 3,
  'test@test.com': 2,
  'noemail@gmail.com': 2,
  'nessuna@email.it': 1,
  'cliente@negozio.it': 1,
  'no@no.it': 1,
} as const;

export function placeholderEmail(random: SeededRandom, store: SyntheticStore): ObservedIdentifier {
  const address: string = random.weighted(placeholderEmails);
  return {
    type: 'email',
    raw: random.chance(0.2) ? address.toUpperCase() : address,
    country: store.country,
    owner: { kind: 'junk', reason: 'placeholder-email' },
    note: 'placeholder-email',
  };
}

/** The store's own number, typed the way its staff write it. */
export function storePhone(random: SeededRandom, store: SyntheticStore): ObservedIdentifier {
  return {
    type: 'phone',
    raw: renderPhone(store.phone, random.pick(['national', 'national-spaced', 'intl-spaced'] as const)),
    country: store.country,
    owner: { kind: 'junk', reason: 'store-phone' },
    note: 'store-phone',
  };
}
