import { normaliseIdentifier } from '@scontrino/identity';
import type { Country } from './locales.js';
import type { SeededRandom } from './prng.js';

/** A phone number as its parts, so it can be written the many ways people and cashiers write it. */
export interface Phone {
  country: Country;
  /** Country calling code without `+`. */
  callingCode: string;
  /** `0` where the number is dialled with a trunk prefix at home (DE, FR, AT, NL), else empty. */
  trunk: string;
  /** National significant number: what follows the calling code in E.164. */
  nsn: string;
  /** Digits of the first group (operator or area code) when written with spaces. */
  headLength: number;
}

interface MobilePlan {
  callingCode: string;
  trunk: string;
  /** Operator prefixes and how many subscriber digits follow each. */
  ranges: readonly { prefix: string; rest: number }[];
}

const ranges = (prefixes: string, rest: number) => prefixes.split(' ').map((prefix) => ({ prefix, rest }));

const mobilePlans: Record<Country, MobilePlan> = {
  IT: {
    callingCode: '39',
    trunk: '',
    ranges: ranges(
      '320 324 327 328 329 330 331 333 334 335 338 339 340 342 345 347 348 349 366 380 388 392',
      7,
    ),
  },
  DE: {
    callingCode: '49',
    trunk: '0',
    ranges: [...ranges('160 170 171 172 173 174 175 176 177 178 179', 7), ...ranges('151 152 157', 8)],
  },
  FR: { callingCode: '33', trunk: '0', ranges: ranges('6 7', 8) },
  ES: { callingCode: '34', trunk: '', ranges: ranges('6', 8) },
  AT: { callingCode: '43', trunk: '0', ranges: ranges('664 650 660 676 699', 7) },
  NL: { callingCode: '31', trunk: '0', ranges: ranges('6', 8) },
};

export function e164(phone: Phone): string {
  return `+${phone.callingCode}${phone.nsn}`;
}

export function isValidPhone(phone: Phone): boolean {
  const result = normaliseIdentifier('phone', e164(phone));
  return result.ok && !result.lowerWeight;
}

/**
 * Whether libphonenumber finds the number possible (a plausible length) but not valid by its
 * metadata: a range opened after the metadata, or one it does not list. Such numbers are real
 * customers' phones that tills used to drop.
 */
export function isPossibleOnlyPhone(phone: Phone): boolean {
  const result = normaliseIdentifier('phone', e164(phone));
  return result.ok && result.lowerWeight !== undefined;
}

/** Italian mobile ranges libphonenumber does not list as valid (but of a possible length). */
const unlistedItalianRanges = ranges('300 301 302 303 304 305 306 307 308 309', 7);

/** An Italian mobile number that is possible but not valid by the metadata. */
export function possibleOnlyMobile(random: SeededRandom): Phone {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const range = random.pick(unlistedItalianRanges);
    const phone: Phone = {
      country: 'IT',
      callingCode: '39',
      trunk: '',
      nsn: range.prefix + random.digits(range.rest),
      headLength: range.prefix.length,
    };
    if (isPossibleOnlyPhone(phone)) return phone;
  }
  throw new Error('no possible-only IT mobile number found');
}

/** A mobile number of the country that libphonenumber accepts as valid. */
export function mobilePhone(random: SeededRandom, country: Country): Phone {
  const plan = mobilePlans[country];
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const range = random.pick(plan.ranges);
    const phone: Phone = {
      country,
      callingCode: plan.callingCode,
      trunk: plan.trunk,
      nsn: range.prefix + random.digits(range.rest),
      headLength: range.prefix.length,
    };
    if (isValidPhone(phone)) return phone;
  }
  throw new Error(`no valid ${country} mobile number found`);
}

/**
 * A landline as dialled at home (`02 86461234`, `030 12345678`, `91 1234567`): the store's own
 * number, which cashiers type when a customer gives none. Italian landlines keep their leading 0
 * after +39; elsewhere the 0 is a trunk prefix.
 */
export function landline(country: Country, areaCode: string, subscriber: string): Phone {
  const { callingCode, trunk } = mobilePlans[country];
  const dropsTrunk = trunk !== '' && areaCode.startsWith(trunk);
  const head = dropsTrunk ? areaCode.slice(trunk.length) : areaCode;
  return {
    country,
    callingCode,
    trunk: dropsTrunk ? trunk : '',
    nsn: `${head}${subscriber}`,
    headLength: head.length,
  };
}

export const phoneFormats = [
  'e164',
  'intl-spaced',
  'intl-00',
  'intl-paren',
  'national',
  'national-spaced',
  'national-dashed',
  'national-dotted',
] as const;
export type PhoneFormat = (typeof phoneFormats)[number];

/** National formats need the store's (or shop's) country to be read back. */
export const isNationalFormat = (format: PhoneFormat) => format.startsWith('national');

/** `+39 333 1234567`, `0039 3331234567`, `333-123-4567`, `0171 1234567`, `06 12 34 56 78`… */
export function renderPhone(phone: Phone, format: PhoneFormat): string {
  const head = phone.nsn.slice(0, phone.headLength);
  const tail = phone.nsn.slice(phone.headLength);
  const national = `${phone.trunk}${phone.nsn}`;
  switch (format) {
    case 'e164':
      return e164(phone);
    case 'intl-spaced':
      return `+${phone.callingCode} ${head} ${tail}`;
    case 'intl-00':
      return `00${phone.callingCode} ${phone.nsn}`;
    case 'intl-paren':
      return `(+${phone.callingCode}) ${head} ${splitTail(tail, ' ')}`;
    case 'national':
      return national;
    case 'national-spaced':
      return phone.country === 'FR'
        ? national.replace(/(\d{2})(?=\d)/g, '$1 ')
        : `${phone.trunk}${head} ${tail}`;
    case 'national-dashed':
      return `${phone.trunk}${head}-${splitTail(tail, '-')}`;
    case 'national-dotted':
      return `${phone.trunk}${head}.${splitTail(tail, '.')}`;
  }
}

/** `1234567` → `123 4567`: how the subscriber part is usually broken up. */
function splitTail(tail: string, separator: string): string {
  const cut = tail.length > 5 ? 3 : 2;
  return `${tail.slice(0, cut)}${separator}${tail.slice(cut)}`;
}
