import type { SeededRandom } from './prng.js';

/** `Nicolò D'Angelo` → `nicolo`, `dangelo`: what people keep of their name in an address. */
export function mailWord(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/ß/g, 'ss')
    .toLowerCase()
    .replace(/[^a-z]/g, '');
}

/** A plausible address for the person, unique thanks to `isTaken` (a number is appended if needed). */
export function emailAddress(
  random: SeededRandom,
  person: { firstName: string; lastName: string; birthYear: number },
  provider: string,
  isTaken: (address: string) => boolean,
): string {
  const first = mailWord(person.firstName);
  const last = mailWord(person.lastName);
  const yy = String(person.birthYear).slice(2);
  const local = random.pick([
    `${first}.${last}`,
    `${first}${last}`,
    `${first.slice(0, 1)}${last}`,
    `${first}_${last}`,
    `${last}.${first}`,
    `${first}.${last}${yy}`,
    `${first}${last}${person.birthYear}`,
    `${first}${yy}`,
  ]);
  let address = `${local}@${provider}`;
  while (isTaken(address)) address = `${local}${random.int(1, 999)}@${provider}`;
  return address;
}

/** Ways an address is typed that every normaliser reads back as the same address. */
export const emailFormats = ['exact', 'capitalised', 'upper', 'padded'] as const;
export type EmailFormat = (typeof emailFormats)[number];

export function renderEmail(address: string, format: EmailFormat): string {
  switch (format) {
    case 'exact':
      return address;
    case 'capitalised':
      return address.replace(
        /(^|[._@])([a-z])/g,
        (_match, before: string, letter: string) => before + letter.toUpperCase(),
      );
    case 'upper':
      return address.toUpperCase();
    case 'padded':
      return ` ${address}  `;
  }
}

/** Gmail ignores dots, so people drop them; a default normaliser sees another address. */
export function dotless(address: string): string | null {
  const at = address.lastIndexOf('@');
  const local = address.slice(0, at);
  if (!address.endsWith('@gmail.com') || !local.includes('.')) return null;
  return `${local.replaceAll('.', '')}${address.slice(at)}`;
}

const domainTypos: Readonly<Record<string, string>> = {
  'gmail.com': 'gmial.com',
  'libero.it': 'libreo.it',
  'hotmail.it': 'hotmial.it',
  'yahoo.it': 'yaho.it',
  'outlook.it': 'outlok.it',
};

/** What a cashier types when the customer spells the address aloud: two letters swapped, or the domain. */
export function typo(random: SeededRandom, address: string): string {
  const at = address.lastIndexOf('@');
  const domain = address.slice(at + 1);
  const misspelt = domainTypos[domain];
  if (misspelt && random.chance(0.5)) return `${address.slice(0, at)}@${misspelt}`;
  const local = address.slice(0, at);
  const i = random.int(0, Math.max(0, local.length - 2));
  const swapped = local.slice(0, i) + (local[i + 1] ?? '') + (local[i] ?? '') + local.slice(i + 2);
  return swapped === local ? `${local}${local.slice(-1)}@${domain}` : `${swapped}@${domain}`;
}
