/** A name in the form two spellings of one person share: lower case, no accents or punctuation, words sorted. */
export function nameKey(name: string): string | null {
  const words = name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s]/gu, ' ')
    .split(/\s+/)
    .filter((word) => word.length > 1);
  return words.length >= 2 ? words.sort().join(' ') : null;
}

/**
 * The national part of a phone in E.164 (its last 9 digits): the same number read with two
 * country prefixes (a tourist's phone typed without `+`, a store abroad) shares it.
 */
export function phoneDigitsKey(e164: string): string | null {
  const digits = e164.replace(/\D/g, '');
  return digits.length >= 9 ? digits.slice(-9) : null;
}

/** Two different phones in E.164: one number under two country prefixes, or not. */
export function comparePhones(a: string, b: string): 'same-national-number' | 'different' {
  const key = phoneDigitsKey(a);
  return a !== b && key !== null && key === phoneDigitsKey(b) ? 'same-national-number' : 'different';
}
