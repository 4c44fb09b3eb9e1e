import { describe, expect, it as test } from 'vitest';
import { en } from '../i18n/en.js';
import { it } from '../i18n/it.js';
import { createFormatter } from './formatter.js';

// Intl separates currency amounts with a no-break space; compare with plain spaces.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const italian = createFormatter('it', it, { timeZone: 'Europe/Rome' });
const english = createFormatter('en', en, { timeZone: 'Europe/Rome' });

describe('createFormatter', () => {
  test('when points are formatted, then each language groups digits and picks singular or plural', () => {
    expect(italian.points(1)).toBe('1 punto');
    expect(italian.points(0)).toBe('0 punti');
    expect(italian.points(12500)).toBe('12.500 punti');
    expect(english.points(1)).toBe('1 point');
    expect(english.points(1250)).toBe('1,250 points');
    expect(italian.pointsUnit(1)).toBe('punto');
    expect(english.pointsUnit(2)).toBe('points');
  });

  test('when a ledger movement is formatted, then gains carry a plus, losses a minus, zero neither', () => {
    expect(italian.signed(79)).toBe('+79');
    expect(italian.signed(-12)).toBe('-12');
    expect(italian.signed(0)).toBe('0');
    expect(english.signed(2500)).toBe('+2,500');
  });

  test('when money in minor units is formatted, then it is shown in the currency’s own units', () => {
    expect(plain(italian.money(15491, 'EUR'))).toBe('154,91 €');
    expect(english.money(15491, 'EUR')).toBe('€154.91');
    expect(plain(italian.money(-7900, 'EUR'))).toBe('-79,00 €');
    // Yen have no minor unit: 1500 minor units are 1500 yen.
    expect(english.money(1500, 'JPY')).toBe('JP¥1,500');
  });

  test('when a UTC instant is formatted, then the day is the one of the time zone asked for', () => {
    // 23:30 UTC on 31 March is already 1 April in Rome (UTC+2 in summer time).
    expect(italian.date('2026-03-31T23:30:00Z')).toBe('1 apr 2026');
    expect(english.date('2026-03-31T23:30:00Z')).toBe('1 Apr 2026');
    expect(italian.dateTime(new Date('2026-11-24T09:15:00Z'))).toBe('24 nov 2026, 10:15');
  });

  test('when a multiplier is formatted, then it keeps up to two decimals in the locale’s style', () => {
    expect(italian.decimal(1.25)).toBe('1,25');
    expect(english.decimal(1.5)).toBe('1.5');
    expect(english.decimal(2)).toBe('2');
  });
});
