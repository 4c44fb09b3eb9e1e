import { describe, expect, it } from 'vitest';
import { newDigitalCardNumber } from './digital-card.js';

describe('digital card numbers', () => {
  it('when a member joins in the app, then their card has 13 digits in the app numbering and differs from the last', () => {
    const numbers = Array.from({ length: 200 }, newDigitalCardNumber);
    for (const number of numbers) expect(number).toMatch(/^28\d{11}$/);
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
