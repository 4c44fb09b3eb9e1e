import { describe, expect, it as test } from 'vitest';
import { en } from './en.js';
import { it } from './it.js';
import { catalogues, detectLocale, isLocale } from './messages.js';

/** Every leaf path of a catalogue with the kind of its value. */
function leaves(value: unknown, path = ''): string[] {
  if (typeof value === 'object' && value !== null)
    return Object.entries(value).flatMap(([key, child]) => leaves(child, path ? `${path}.${key}` : key));
  return [`${path}:${typeof value}`];
}

describe('catalogues', () => {
  test('when the English catalogue is compared with the Italian one, then it has the same keys, none empty', () => {
    expect(leaves(en)).toEqual(leaves(it));
    for (const catalogue of Object.values(catalogues)) {
      const strings = leaves(catalogue).filter((leaf) => leaf.endsWith(':string'));
      expect(strings.length).toBeGreaterThan(50);
    }
    const empty = (value: unknown): boolean =>
      typeof value === 'string'
        ? value.trim() === ''
        : typeof value === 'object' && value !== null && Object.values(value).some(empty);
    expect(empty(it)).toBe(false);
    expect(empty(en)).toBe(false);
  });

  test('when a message takes values, then both languages place them in the sentence', () => {
    expect(it.signIn.codeIntro('anna@example.it')).toContain('anna@example.it');
    expect(en.home.missingPoints('120 points', 'Silver')).toBe('120 points more to reach Silver.');
    expect(it.home.missingPoints('120 punti', 'Silver')).toBe('Ancora 120 punti per il livello Silver.');
  });
});

describe('detectLocale', () => {
  test('when the browser prefers Italian in any region, then the app speaks Italian', () => {
    expect(detectLocale(['it-IT', 'en-US'])).toBe('it');
    expect(detectLocale(['IT-ch'])).toBe('it');
    expect(detectLocale(['it'])).toBe('it');
  });

  test('when English comes first, or only after languages the app lacks, then it speaks English', () => {
    expect(detectLocale(['en-US', 'it-IT'])).toBe('en');
    expect(detectLocale(['de-DE', 'en-GB', 'it'])).toBe('en');
  });

  test('when the browser prefers only languages the app lacks, or none, then it falls back to English', () => {
    expect(detectLocale(['fr-FR', 'de'])).toBe('en');
    expect(detectLocale([])).toBe('en');
  });

  test('when a stored value is checked, then only the two app languages pass', () => {
    expect(isLocale('it')).toBe(true);
    expect(isLocale('en')).toBe(true);
    expect(isLocale('fr')).toBe(false);
    expect(isLocale(null)).toBe(false);
  });
});
