import type { Country } from './locales.js';
import { landline, type Phone } from './phones.js';
import type { SeededRandom } from './prng.js';

export interface SyntheticStore {
  storeId: string;
  city: string;
  /** How a phone typed at its till without prefix is read. */
  country: Country;
  /** The store's own number: cashiers type it when a customer gives none. */
  phone: Phone;
}

/** Store, city, national area code as dialled at home, subscriber digits. */
const chain: readonly [string, string, Country, string, number][] = [
  ['MI-001', 'Milano', 'IT', '02', 8],
  ['MI-002', 'Milano', 'IT', '02', 8],
  ['RM-001', 'Roma', 'IT', '06', 8],
  ['TO-001', 'Torino', 'IT', '011', 7],
  ['NA-001', 'Napoli', 'IT', '081', 7],
  ['FI-001', 'Firenze', 'IT', '055', 7],
  ['BO-001', 'Bologna', 'IT', '051', 7],
  ['BE-001', 'Berlin', 'DE', '030', 8],
  ['PA-001', 'Paris', 'FR', '01', 8],
  ['MA-001', 'Madrid', 'ES', '91', 7],
  ['WI-001', 'Wien', 'AT', '01', 7],
  ['AM-001', 'Amsterdam', 'NL', '020', 7],
];

/** The chain's stores, each with its own (valid) landline. */
export function chainStores(random: SeededRandom): SyntheticStore[] {
  return chain.map(([storeId, city, country, areaCode, digits]) => ({
    storeId,
    city,
    country,
    phone: landline(country, areaCode, `${random.int(2, 9)}${random.digits(digits - 1)}`),
  }));
}

export function storesOf(stores: readonly SyntheticStore[], country: Country): SyntheticStore[] {
  return stores.filter((store) => store.country === country);
}
