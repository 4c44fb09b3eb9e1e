import { distance } from 'fastest-levenshtein';
import type { IdentifierType } from '@scontrino/identity';

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

/** One typo apart: an insertion, deletion or substitution, or two neighbouring letters swapped. */
export function oneEditApart(a: string, b: string): boolean {
  if (distance(a, b) <= 1) return true;
  if (a.length !== b.length) return false;
  const differ = [...a].flatMap((char, i) => (char === b[i] ? [] : [i]));
  const [i, j] = differ;
  return differ.length === 2 && j === (i ?? -2) + 1 && a[i!] === b[j] && a[j] === b[i!];
}

export interface Candidate {
  type: IdentifierType;
  value: string;
  /** Name keys seen with this identifier. */
  names: readonly string[];
}

export interface ScoredPair {
  score: number;
  reasons: string[];
}

/** Pairs scoring at least this go to the review queue. */
export const SUGGESTION_THRESHOLD = 0.75;

/**
 * How much two identifiers that no rule joined look like one person: the same name and e-mails
 * one edit apart (`anna.rossi@gmial.com` / `anna.rossi@gmail.com`), or the same phone digits under
 * different prefixes. Null when they do not look alike at all.
 */
export function scorePair(a: Candidate, b: Candidate): ScoredPair | null {
  if (a.type !== b.type || a.value === b.value) return null;
  const sameName = a.names.some((name) => b.names.includes(name));
  if (a.type === 'email') {
    if (!sameName || !oneEditApart(a.value, b.value)) return null;
    return { score: 0.9, reasons: ['same name', 'e-mail one edit apart'] };
  }
  if (a.type === 'phone') {
    const key = phoneDigitsKey(a.value);
    if (key === null || key !== phoneDigitsKey(b.value)) return null;
    return sameName
      ? { score: 0.95, reasons: ['same name', 'same phone digits, different prefix'] }
      : { score: 0.8, reasons: ['same phone digits, different prefix'] };
  }
  return null;
}
