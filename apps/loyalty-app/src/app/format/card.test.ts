import { describe, expect, it as test } from 'vitest';
import { cardQrImage, groupCardNumber } from './card.js';

describe('groupCardNumber', () => {
  test('when a card number is shown, then its digits come in groups of four', () => {
    expect(groupCardNumber('4000123412341234')).toBe('4000 1234 1234 1234');
    expect(groupCardNumber('123456789')).toBe('1234 5678 9');
    expect(groupCardNumber('1234')).toBe('1234');
  });

  test('when the number already has spaces, then they are regrouped, not doubled', () => {
    expect(groupCardNumber('40 0012 3412')).toBe('4000 1234 12');
  });
});

describe('cardQrImage', () => {
  test('when a QR is drawn for a card, then it is an SVG image with a square code of dark modules', async () => {
    const image = await cardQrImage('4000 1234 1234 1234');
    expect(image.startsWith('data:image/svg+xml;charset=utf-8,')).toBe(true);
    const svg = decodeURIComponent(image.slice(image.indexOf(',') + 1));
    const viewBox = /viewBox="0 0 (\d+) (\d+)"/.exec(svg);
    expect(viewBox?.[1]).toBe(viewBox?.[2]);
    expect(svg).toContain('stroke="#000000"');
    // The spaces are for people: the same digits without them give the same code.
    expect(await cardQrImage('4000123412341234')).toBe(image);
  });
});
