import { distance } from 'fastest-levenshtein';

/**
 * How a mail provider reads an address: Gmail ignores dots in the local part and anything after
 * a `+`; Outlook, iCloud, Proton and Fastmail ignore the `+` tag only; the others are read as
 * typed. Two addresses the provider delivers to one mailbox are one customer's.
 */
export interface ProviderRules {
  /** The domain the provider answers for (`googlemail.com` is `gmail.com`). */
  domain: string;
  ignoresDots: boolean;
  ignoresPlusTag: boolean;
}

const plusTagProviders = [
  /^(outlook|hotmail|live|msn)\.[a-z.]+$/,
  /^(icloud\.com|me\.com|mac\.com)$/,
  /^(proton\.me|protonmail\.com|fastmail\.com)$/,
];

export function providerRules(domain: string): ProviderRules {
  if (domain === 'gmail.com' || domain === 'googlemail.com')
    return { domain: 'gmail.com', ignoresDots: true, ignoresPlusTag: true };
  const plus = plusTagProviders.some((pattern) => pattern.test(domain));
  return { domain, ignoresDots: false, ignoresPlusTag: plus };
}

function split(address: string): { local: string; domain: string } {
  const at = address.lastIndexOf('@');
  return { local: address.slice(0, at), domain: address.slice(at + 1) };
}

/** The mailbox an address is delivered to under its provider's rules (`a.b+x@googlemail.com` → `ab@gmail.com`). */
export function mailbox(address: string): string {
  const { local, domain } = split(address);
  const rules = providerRules(domain);
  let box = rules.ignoresPlusTag ? (local.split('+')[0] ?? local) : local;
  if (rules.ignoresDots) box = box.replaceAll('.', '');
  return `${box}@${rules.domain}`;
}

/**
 * The blocking key of an address: the letters of its local part (before any `+` tag), sorted.
 * Dot variants, domain typos, two letters swapped and numbered namesakes (`bruno281`,
 * `bruno821`) share it; null when fewer than three letters are left (it would tell nobody apart).
 */
export function mailLettersKey(address: string): string | null {
  const local = split(address).local.split('+')[0] ?? '';
  const letters = [...local.normalize('NFKD').replace(/[^\p{L}]/gu, '')].sort().join('');
  return letters.length >= 3 ? letters : null;
}

/** Two neighbouring characters swapped, nothing else. */
export function transposed(a: string, b: string): boolean {
  if (a.length !== b.length || a === b) return false;
  const differ = [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
  const [i, j] = differ;
  return differ.length === 2 && j === (i ?? -2) + 1 && a[i!] === b[j] && a[j] === b[i!];
}

/** One typo apart: an insertion, deletion or substitution, or two neighbouring characters swapped. */
export function oneEditApart(a: string, b: string): boolean {
  return distance(a, b) <= 1 || transposed(a, b);
}

/** How two different addresses compare, from the most to the least telling. */
export const emailLevels = [
  /** One mailbox under the provider's dot and `+` rules. */
  'same-mailbox',
  /** The same address but for the numbers in it: namesakes the provider told apart by a number. */
  'numbered-namesake',
  /** Two neighbouring letters of the local part swapped. */
  'letters-swapped',
  /** The same letters and digits at one provider, only dots, dashes or underscores differ. */
  'separators-only',
  /** The same local part, the domain one typo off (`gmial.com`). */
  'domain-typo',
  /** One letter added, dropped or changed. */
  'one-edit',
  /** The same local part at another provider. */
  'same-local-other-provider',
  'different',
] as const;
export type EmailLevel = (typeof emailLevels)[number];

const digitsOf = (text: string) => text.replace(/\D/g, '');
const withoutDigits = (text: string) => text.replace(/\d/g, '');
const withoutSeparators = (text: string) => text.replace(/[._-]/g, '');

export function compareEmails(a: string, b: string): EmailLevel {
  if (mailbox(a) === mailbox(b)) return 'same-mailbox';
  const x = split(mailbox(a));
  const y = split(mailbox(b));
  if (
    x.domain === y.domain &&
    withoutDigits(x.local) === withoutDigits(y.local) &&
    digitsOf(x.local) !== digitsOf(y.local)
  )
    return 'numbered-namesake';
  if (x.domain === y.domain && transposed(x.local, y.local)) return 'letters-swapped';
  if (x.domain === y.domain && withoutSeparators(x.local) === withoutSeparators(y.local))
    return 'separators-only';
  const typed = [split(a), split(b)].map((side) => ({ ...side, local: side.local.split('+')[0] ?? '' }));
  const sameLocal = x.local === y.local || typed[0]!.local === typed[1]!.local;
  if (sameLocal && oneEditApart(typed[0]!.domain, typed[1]!.domain)) return 'domain-typo';
  if (x.domain === y.domain && oneEditApart(x.local, y.local)) return 'one-edit';
  if (sameLocal) return 'same-local-other-provider';
  return 'different';
}
