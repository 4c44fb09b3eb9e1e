import type { SyntheticConfig } from './config.js';
import { renderEmail } from './emails.js';
import { emailOnline, phoneAtHome } from './formats.js';
import {
  personOwner,
  type ObservedIdentifier,
  type OrderDetails,
  type SyntheticObservation,
} from './observations.js';
import { writtenName, type SyntheticPerson } from './people.js';
import { renderPhone } from './phones.js';
import type { SeededRandom } from './prng.js';
import type { SyntheticStore } from './stores.js';

const prices = [1990, 2990, 3990, 4990, 5990, 7990, 9990, 12990];

function basket(random: SeededRandom): Pick<OrderDetails, 'lines' | 'total'> {
  const lines = Array.from({ length: random.int(1, 3) }, () => {
    const quantity = random.chance(0.85) ? 1 : 2;
    return { sku: `SKU-${random.digits(6)}`, quantity, total: quantity * random.pick(prices) };
  });
  return { lines, total: lines.reduce((sum, line) => sum + line.total, 0) };
}

function orderEmail(random: SeededRandom, person: SyntheticPerson, loggedIn: boolean) {
  // Logged in, a Gmail user sometimes types the address without its dots: the account ties both.
  if (loggedIn && person.dotlessEmail && random.chance(0.3))
    return { raw: person.dotlessEmail, note: 'dotless' as const };
  const address = random.chance(0.85) ? (person.emails[0] as string) : random.pick(person.emails);
  return { raw: renderEmail(address, random.weighted(emailOnline)) };
}

/** The name on an order: the account's when signed in; typed by hand, sometimes the person's other form. */
function typedName(random: SeededRandom, person: SyntheticPerson, signedIn: boolean): string {
  return writtenName(person, !signedIn && person.nameVariant !== null && random.chance(0.3));
}

/** A web, app or click & collect order: account (unless guest), e-mail, maybe phone and device. */
export function onlineOrder(
  random: SeededRandom,
  person: SyntheticPerson,
  sourceId: string,
  at: number,
  context: { config: SyntheticConfig; homeStores: readonly SyntheticStore[] },
): SyntheticObservation {
  const { online } = context.config;
  const channel = random.weighted(online.channel);
  const base = { country: person.country, owner: personOwner(person.personId) };
  const identifiers: ObservedIdentifier[] = [];
  if (person.webAccountId) identifiers.push({ type: 'webAccount', raw: person.webAccountId, ...base });
  identifiers.push({ type: 'email', ...base, ...orderEmail(random, person, person.webAccountId !== null) });
  if (person.phones.length > 0 && random.chance(online.givesPhone))
    identifiers.push({
      type: 'phone',
      raw: renderPhone(random.pick(person.phones), random.weighted(phoneAtHome)),
      ...base,
    });
  if (person.devices.length > 0 && (channel === 'app' || random.chance(online.webDevice)))
    identifiers.push({
      type: 'device',
      raw: channel === 'app' ? (person.devices[0] as string) : random.pick(person.devices),
      ...base,
    });
  return {
    sourceId,
    at,
    pattern: channel === 'web' ? 'web-order' : channel === 'app' ? 'app-order' : 'click-and-collect',
    personId: person.personId,
    name: typedName(random, person, person.webAccountId !== null),
    storeId: null,
    country: person.country,
    identifiers,
    order: {
      orderId: sourceId,
      channel,
      pickupStoreId: channel === 'click_and_collect' ? random.pick(context.homeStores).storeId : null,
      ...basket(random),
    },
  };
}

/** One guest checkout under an address used nowhere else: only the name could tie it to the person. */
export function guestOrder(
  random: SeededRandom,
  person: SyntheticPerson,
  address: string,
  sourceId: string,
  at: number,
): SyntheticObservation {
  return {
    sourceId,
    at,
    pattern: 'guest-order',
    personId: person.personId,
    name: typedName(random, person, false),
    storeId: null,
    country: person.country,
    identifiers: [
      {
        type: 'email',
        raw: address,
        country: person.country,
        owner: personOwner(person.personId),
        note: 'guest-address',
      },
    ],
    order: { orderId: sourceId, channel: 'web', pickupStoreId: null, ...basket(random) },
  };
}
