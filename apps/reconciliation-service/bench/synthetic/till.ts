import type { SyntheticConfig } from './config.js';
import { renderEmail, typo } from './emails.js';
import { emailAtTill, phoneAbroad, phoneAtHome, renderCard } from './formats.js';
import { placeholderEmail, storePhone } from './junk.js';
import { isNationalFormat, renderPhone } from './phones.js';
import { personOwner, type ObservedIdentifier, type SyntheticObservation } from './observations.js';
import { isTakenEmail, takeEmail, type SyntheticPerson, type Taken } from './people.js';
import type { SeededRandom } from './prng.js';
import type { SyntheticStore } from './stores.js';

export interface SharedCard {
  householdId: string;
  number: string;
  personIds: readonly string[];
  /** Members claim family-card sales with their own e-mail (else they never do). */
  claims: boolean;
}

export interface TillContext {
  config: SyntheticConfig;
  stores: readonly SyntheticStore[];
  taken: Taken;
}

function storeFor(random: SeededRandom, person: SyntheticPerson, context: TillContext): SyntheticStore {
  // Foreign customers are often tourists in Italy; Italians sometimes shop at a store abroad.
  const abroad = random.chance(person.country === 'IT' ? context.config.till.abroad : 0.3);
  const candidates = context.stores.filter((store) => (store.country === person.country) !== abroad);
  return random.pick(candidates.length > 0 ? candidates : context.stores);
}

/** The card in the wallet at that moment: a replaced card is gone, a household card is often the one used. */
function cardShown(random: SeededRandom, person: SyntheticPerson, at: number, shared: SharedCard | null) {
  const own = person.cards.filter((card) => card.from <= at && at < card.to);
  if (shared && (own.length === 0 || random.chance(0.6))) return { number: shared.number, shared };
  return own.length > 0 ? { number: random.pick(own).number, shared: null } : null;
}

export interface TillOptions {
  /** The household's shared card is the one shown. */
  sharedCardShown?: boolean;
  /** The customer also gives something of their own: their phone, else their payment card. */
  ownIdentifier?: boolean;
}

/** What the till records about the customer at one sale: card, payment, phone, e-mail, and cashier junk. */
function tillIdentifiers(
  random: SeededRandom,
  person: SyntheticPerson,
  at: number,
  shared: SharedCard | null,
  context: TillContext,
  options: TillOptions = {},
): { store: SyntheticStore; identifiers: ObservedIdentifier[] } {
  const { till, noise, junk } = context.config;
  const store = storeFor(random, person, context);
  const own = personOwner(person.personId);
  const base = { country: store.country, owner: own };
  const identifiers: ObservedIdentifier[] = [];
  const card =
    shared && options.sharedCardShown
      ? { number: shared.number, shared }
      : random.chance(till.showsCard)
        ? cardShown(random, person, at, shared)
        : null;
  if (card) {
    const raw = renderCard(card.number, random.weighted({ scanned: 0.85, spaced: 0.1, dashed: 0.05 }));
    identifiers.push(
      card.shared
        ? { type: 'card', raw, country: store.country, note: 'shared-card', owner: sharedOwner(card.shared) }
        : { type: 'card', raw, ...base },
    );
  }
  // Asked for something of their own (a household member at the till): a phone, else the payment card.
  const ownPhone = options.ownIdentifier === true && person.phones.length > 0;
  const ownPayment = options.ownIdentifier === true && !ownPhone && person.payments.length > 0;
  if (person.payments.length > 0 && (ownPayment || random.chance(till.paysByCard)))
    identifiers.push({ type: 'payment', raw: random.pick(person.payments), ...base });
  const phone =
    person.phones.length > 0 && (ownPhone || random.chance(till.givesPhone))
      ? random.pick(person.phones)
      : null;
  if (phone) {
    const atHome = store.country === person.country;
    const format = random.weighted(atHome || random.chance(noise.nationalAbroad) ? phoneAtHome : phoneAbroad);
    const readAbroad = !atHome && isNationalFormat(format);
    identifiers.push({
      type: 'phone',
      raw: renderPhone(phone, format),
      ...base,
      ...(readAbroad && { note: 'read-abroad' }),
    });
  }
  const email = random.chance(till.givesEmail) ? tillEmail(random, person, context) : null;
  if (email) identifiers.push({ type: 'email', ...base, ...email });
  if (card && !email && random.chance(junk.placeholderEmail))
    identifiers.push(placeholderEmail(random, store));
  if (card && !phone && random.chance(junk.storePhone)) identifiers.push(storePhone(random, store));
  return { store, identifiers };
}

function sharedOwner(shared: SharedCard) {
  return { kind: 'household' as const, householdId: shared.householdId, personIds: shared.personIds };
}

function tillEmail(random: SeededRandom, person: SyntheticPerson, context: TillContext) {
  const address = random.chance(0.8) ? (person.emails[0] as string) : random.pick(person.emails);
  if (random.chance(context.config.noise.emailTypo)) {
    const misspelt = typo(random, address);
    // A typo that happens to be somebody's real address would be a different story: skip it.
    if (!isTakenEmail(context.taken, misspelt)) {
      takeEmail(context.taken, misspelt);
      return { raw: misspelt, note: 'typo' as const };
    }
  }
  return { raw: renderEmail(address, random.weighted(emailAtTill)) };
}

/** A sale with what the till recorded of its customer: no identifiers when they stayed anonymous. */
export function tillSale(
  random: SeededRandom,
  person: SyntheticPerson,
  sourceId: string,
  at: number,
  shared: SharedCard | null,
  context: TillContext,
  options: TillOptions = {},
): SyntheticObservation {
  const { store, identifiers } = tillIdentifiers(random, person, at, shared, context, options);
  return {
    sourceId,
    at,
    pattern: 'till-sale',
    personId: person.personId,
    name: null,
    storeId: store.storeId,
    country: store.country,
    identifiers,
    order: null,
  };
}

/**
 * The customer scans the slip's QR code and claims the receipt with an e-mail: the claim carries
 * the sale's identifiers, as the receipt service's `receipt.claimed` does through its transaction.
 */
export function receiptClaim(
  random: SeededRandom,
  person: SyntheticPerson,
  sale: SyntheticObservation,
  sourceId: string,
) {
  const country = sale.country;
  const claim: SyntheticObservation = {
    ...sale,
    sourceId,
    at: sale.at + random.int(5, 3 * 24 * 60) * 60_000,
    pattern: 'receipt-claim',
    identifiers: [
      {
        type: 'email',
        raw: renderEmail(person.emails[0] as string, random.weighted({ exact: 0.9, capitalised: 0.1 })),
        country,
        owner: personOwner(person.personId),
        verified: true,
      },
      ...sale.identifiers,
    ],
  };
  return claim;
}
