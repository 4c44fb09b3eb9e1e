import { randomInt } from 'node:crypto';

/**
 * The number of a card issued in the app (no plastic): 13 digits, `28` and 11 random ones, so it
 * never collides with the in-store numbering (`29…`) and scans at the till like any other card.
 */
export function newDigitalCardNumber(): string {
  let digits = '28';
  while (digits.length < 13) digits += String(randomInt(10));
  return digits;
}
