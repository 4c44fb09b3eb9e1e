import { createRandom } from '../random.js';

/**
 * The loyalty members of a brand: the same seed and size always give the same people, so the
 * simulator and demo data (which enrols them) agree on card numbers, e-mails and phones.
 * Addresses are at the reserved example.com/org/net domains: no real mailbox ever gets one.
 */
export interface Member {
  /** 1-based position in the pool; stable across runs. */
  number: number;
  tenantId: string;
  firstName: string;
  lastName: string;
  /** 13 digits: `29` (in-store numbering), the brand's two digits, the member number. */
  cardNumber: string;
  email: string;
  /** Italian mobile, written as people type it at the till. */
  phone: string;
  /** The web-shop account id, for orders placed while signed in. */
  webAccountId: string;
  /** The payment provider's opaque token of the member's usual card (never a card number). */
  paymentFingerprint: string;
}

// Comma-separated so that prettier keeps the lists short; "De Luca" has a space.
export const firstNames: readonly string[] = (
  'Giulia,Marco,Francesca,Alessandro,Chiara,Luca,Sara,Matteo,Valentina,Lorenzo,Martina,Andrea,Elena,' +
  'Davide,Federica,Simone,Alessia,Gennaro,Anna,Salvatore,Rosa,Ciro,Paola,Giuseppe,Laura,Antonio,Silvia,Fabio'
).split(',');

export const lastNames: readonly string[] = (
  'Rossi,Russo,Ferrari,Esposito,Bianchi,Romano,Colombo,Ricci,Marino,Greco,Bruno,Gallo,Conti,De Luca,' +
  'Mancini,Costa,Giordano,Rizzo,Lombardi,Moretti,Barbieri,Fontana,Santoro,Mariani,Rinaldi,Caruso'
).split(',');

const tenantCodes: Readonly<Record<string, string>> = { 'moda-rossi': '01', 'mercato-esposito': '02' };
const mailDomains = ['example.com', 'example.org', 'example.net'] as const;
const mobilePrefixes = ['320', '328', '333', '338', '340', '347', '349', '366', '388', '393'] as const;

export const DEFAULT_MEMBERS_PER_BRAND = 300;

/** The local part of an e-mail from a name: lower case, no spaces or apostrophes. */
export function mailLocalPart(firstName: string, lastName: string): string {
  return `${firstName}.${lastName}`.toLowerCase().replace(/[^a-z.]/g, '');
}

function tenantCode(tenantId: string): string {
  return tenantCodes[tenantId] ?? '99';
}

/** The `number`th member (1-based) of a brand's pool. */
export function memberOf(tenantId: string, number: number): Member {
  const random = createRandom(`member/${tenantId}/${number}`);
  const firstName = random.pick(firstNames);
  const lastName = random.pick(lastNames);
  const phone = `+39 ${random.pick(mobilePrefixes)} ${random.int(100, 999)} ${random.int(1000, 9999)}`;
  const fingerprint = Array.from({ length: 12 }, () => 'abcdefghjkmnpqrstuvwxyz'[random.int(0, 22)]).join('');
  return {
    number,
    tenantId,
    firstName,
    lastName,
    cardNumber: `29${tenantCode(tenantId)}${String(number).padStart(9, '0')}`,
    // The member number keeps addresses unique among namesakes.
    email: `${mailLocalPart(firstName, lastName)}${number}@${random.pick(mailDomains)}`,
    phone,
    webAccountId: `web-${tenantCode(tenantId)}-${String(number).padStart(6, '0')}`,
    // Letters only: a long run of digits could look like a card number to the contract's scan.
    paymentFingerprint: `pf_${fingerprint}`,
  };
}

/** Members 1…size of a brand. */
export function memberPool(tenantId: string, size = DEFAULT_MEMBERS_PER_BRAND): Member[] {
  return Array.from({ length: size }, (_, index) => memberOf(tenantId, index + 1));
}
