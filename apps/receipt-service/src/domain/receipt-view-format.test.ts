import { describe, expect, it } from 'vitest';
import { readableOn } from './receipt-view-branding.js';
import { createReceiptFormatter, minorToDecimal } from './receipt-view-format.js';

describe('minorToDecimal', () => {
  it.each([
    [15491, 2, '154.91'],
    [5, 2, '0.05'],
    [-899, 2, '-8.99'],
    [1500, 0, '1500'],
    [1234, 3, '1.234'],
    [Number.MAX_SAFE_INTEGER, 2, '90071992547409.91'],
  ])('writes %i minor units with exponent %i as %s', (minor, exponent, expected) => {
    expect(minorToDecimal(minor, exponent)).toBe(expected);
  });
});

describe('createReceiptFormatter', () => {
  it('uses the currency exponent of ISO 4217, not two decimals for everything', () => {
    const yen = createReceiptFormatter({ locale: 'en-US', currency: 'JPY', timeZone: 'Asia/Tokyo' });
    const dinar = createReceiptFormatter({ locale: 'en-US', currency: 'KWD', timeZone: 'Asia/Kuwait' });
    expect(yen.money(1500)).toBe('¥1,500');
    expect(dinar.money(1234)).toBe('KWD\u00a01.234');
  });

  it('writes fractional VAT rates in the locale', () => {
    const italian = createReceiptFormatter({ locale: 'it-IT', currency: 'EUR', timeZone: 'Europe/Rome' });
    expect(italian.rate('5.5')).toBe('5,5%');
    expect(italian.rate('22')).toBe('22%');
  });
});

describe('readableOn', () => {
  it('picks white text on a dark accent and dark text on a light one', () => {
    expect(readableOn('#8a1538')).toBe('#ffffff');
    expect(readableOn('#ffd400')).toBe('#111111');
  });
});
