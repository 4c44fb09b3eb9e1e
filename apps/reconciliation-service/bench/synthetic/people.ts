import type { SyntheticConfig } from './config.js';
import { dotless, emailAddress } from './emails.js';
import { locales, type Country } from './locales.js';
import { mobilePhone, possibleOnlyMobile, type Phone } from './phones.js';
import type { SeededRandom } from './prng.js';
import { mailbox } from '../../src/domain/suggestions/email-variants.js';

/** A loyalty card and when the person used it (a replaced card stops; parallel cards overlap). */
export interface LoyaltyCard {
  number: string;
  from: number;
  to: number;
}

export type PersonTrait =
  | 'several-cards'
  | 'replaced-card'
  | 'several-emails'
  | 'several-phones'
  | 'possible-only-phone'
  | 'household'
  | 'foreign'
  | 'dotless-gmail'
  | 'numbered-namesake'
  | 'second-guest-address'
  | 'name-variant';

/** One real customer: everything the generator may show of them, with their ground-truth id. */
export interface SyntheticPerson {
  personId: string;
  firstName: string;
  lastName: string;
  /**
   * Another way they write their name when they type it (a guest checkout): with a second given
   * name, or a second surname (null: always the same). A signed-in order gives the account's name.
   */
  nameVariant: { extra: string; after: 'firstName' | 'lastName' } | null;
  birthYear: number;
  country: Country;
  channels: 'store' | 'online' | 'both';
  /** Normalised addresses; the first is the one they give most. */
  emails: string[];
  /** A second spelling of a dotted Gmail address, without the dots (null if they never drop them). */
  dotlessEmail: string | null;
  /** An address used once, for one guest order, and nowhere else. */
  guestAddress: string | null;
  phones: Phone[];
  cards: LoyaltyCard[];
  payments: string[];
  /** Id in the web shop (null: never made an account). */
  webAccountId: string | null;
  devices: string[];
  householdId: string | null;
  traits: Set<PersonTrait>;
}

/** The name as the person writes it: usually first and last name, sometimes their other form. */
export function writtenName(person: SyntheticPerson, variant: boolean): string {
  const extra = variant ? person.nameVariant : null;
  if (!extra) return `${person.firstName} ${person.lastName}`;
  return extra.after === 'firstName'
    ? `${person.firstName} ${extra.extra} ${person.lastName}`
    : `${person.firstName} ${person.lastName} ${extra.extra}`;
}

/** Values already handed out: no two people share an address, number or card by accident. */
export interface Taken {
  /**
   * Mailboxes, not addresses: under the provider's rules, read with the service's own `mailbox`
   * (`matteo.rinaldi@gmail.com` and `matteorinaldi@gmail.com` are one Gmail mailbox, so they are
   * never handed to two people). Check and add through {@link isTakenEmail} and {@link takeEmail}.
   */
  emails: Set<string>;
  phones: Set<string>;
  cards: Set<string>;
}

export const isTakenEmail = (taken: Taken, address: string): boolean => taken.emails.has(mailbox(address));

export function takeEmail(taken: Taken, address: string): void {
  taken.emails.add(mailbox(address));
}

export function cardNumber(random: SeededRandom, taken: Taken): string {
  let number = `29${random.digits(11)}`;
  while (taken.cards.has(number)) number = `29${random.digits(11)}`;
  taken.cards.add(number);
  return number;
}

function personalPhone(random: SeededRandom, country: Country, taken: Taken): Phone {
  let phone = mobilePhone(random, country);
  while (taken.phones.has(phone.nsn)) phone = mobilePhone(random, country);
  taken.phones.add(phone.nsn);
  return phone;
}

function personalEmail(
  random: SeededRandom,
  person: Parameters<typeof emailAddress>[1],
  country: Country,
  taken: Taken,
) {
  const providers = locales[country].mailProviders;
  // The first providers are the common ones: a squared draw leans towards them.
  const provider = providers[Math.floor(random.float() ** 2 * providers.length)] ?? 'gmail.com';
  const address = emailAddress(random, person, provider, (candidate) => isTakenEmail(taken, candidate));
  takeEmail(taken, address);
  return address;
}

function cardsOf(random: SeededRandom, config: SyntheticConfig, taken: Taken, traits: Set<PersonTrait>) {
  const from = Date.parse(config.from);
  const to = Date.parse(config.to);
  if (!random.chance(config.cards.holder)) return [];
  const count = random.chance(config.cards.third) ? 3 : random.chance(config.cards.second) ? 2 : 1;
  if (count === 1) return [{ number: cardNumber(random, taken), from, to }];
  traits.add('several-cards');
  if (!random.chance(config.cards.replacedRatherThanParallel)) {
    return Array.from({ length: count }, () => ({ number: cardNumber(random, taken), from, to }));
  }
  // Lost or renewed: each card takes over from the previous one at a random moment.
  traits.add('replaced-card');
  const cuts = Array.from({ length: count - 1 }, () => from + random.float() * (to - from)).sort(
    (a, b) => a - b,
  );
  const bounds = [from, ...cuts, to];
  return bounds
    .slice(1)
    .map((end, i) => ({ number: cardNumber(random, taken), from: bounds[i] as number, to: end }));
}

/** A person with identifiers drawn per the config; households are formed afterwards. */
export function createPerson(
  random: SeededRandom,
  index: number,
  config: SyntheticConfig,
  taken: Taken,
): SyntheticPerson {
  const country = random.weighted(config.countries);
  const locale = locales[country];
  const traits = new Set<PersonTrait>(country === 'IT' ? [] : ['foreign']);
  const name = {
    firstName: random.pick(locale.firstNames),
    lastName: random.pick(locale.lastNames),
    birthYear: random.int(1950, 2006),
  };
  const emailCount = random.chance(config.emails.third) ? 3 : random.chance(config.emails.second) ? 2 : 1;
  const emails = Array.from({ length: emailCount }, () => personalEmail(random, name, country, taken));
  if (emailCount > 1) traits.add('several-emails');
  const phoneCount = random.chance(config.phones.none) ? 0 : random.chance(config.phones.second) ? 2 : 1;
  const phones = Array.from({ length: phoneCount }, () => personalPhone(random, country, taken));
  if (phoneCount > 1) traits.add('several-phones');
  // Some Italians have a number from a range the phone metadata does not list (own stream, so
  // the rest of the dataset does not move when the share changes).
  const unlisted = random.fork('possible-only-phone');
  if (country === 'IT' && phones.length > 0 && unlisted.chance(config.phones.possibleOnly)) {
    let phone = possibleOnlyMobile(unlisted);
    while (taken.phones.has(phone.nsn)) phone = possibleOnlyMobile(unlisted);
    taken.phones.add(phone.nsn);
    phones[0] = phone;
    traits.add('possible-only-phone');
  }
  const paymentCount = random.chance(config.payments.none)
    ? 0
    : random.chance(config.payments.second)
      ? 2
      : 1;
  const channels = random.weighted(config.channels);
  const online = channels !== 'store';
  const hasAccount = online && !random.chance(config.online.guest);
  // The dotless spelling is the same Gmail mailbox as the dotted one, already this person's.
  const dotlessEmail = random.chance(config.noise.gmailDotless) ? dotless(emails[0] as string) : null;
  if (dotlessEmail) traits.add('dotless-gmail');
  const guestAddress =
    online && random.chance(config.noise.secondGuestAddress)
      ? personalEmail(random, name, country, taken)
      : null;
  if (guestAddress) traits.add('second-guest-address');
  // Own stream, so the rest of the dataset does not move when the share changes.
  const variant = random.fork('name-variant');
  const after = variant.chance(0.5) ? ('firstName' as const) : ('lastName' as const);
  const others = (after === 'firstName' ? locale.firstNames : locale.lastNames).filter(
    (n) => n !== name[after],
  );
  const nameVariant =
    online && variant.chance(config.noise.nameVariant) ? { extra: variant.pick(others), after } : null;
  if (nameVariant) traits.add('name-variant');
  return {
    personId: `gt_${String(index).padStart(6, '0')}`,
    ...name,
    nameVariant,
    country,
    channels,
    emails,
    dotlessEmail,
    guestAddress,
    phones,
    cards: cardsOf(random, config, taken, traits),
    payments: Array.from({ length: paymentCount }, () => `pf_${random.hex(24)}`),
    webAccountId: hasAccount ? `C${String(index + 100000)}` : null,
    devices: online
      ? Array.from({ length: random.int(1, 2) }, () => `dev-${random.hex(8)}-${random.hex(12)}`)
      : [],
    householdId: null,
    traits,
  };
}
