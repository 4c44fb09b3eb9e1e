import { describe, expect, it } from 'vitest';
import { luhnValid } from './luhn.js';

describe('luhnValid', () => {
  it.each(['4111111111111111', '4242424242424242', '378282246310005', '4222222222222', '79927398713'])(
    'accepts the valid number %s',
    (digits) => {
      expect(luhnValid(digits)).toBe(true);
    },
  );

  it.each(['4111111111111112', '79927398710', '2900000012345'])('rejects the invalid number %s', (digits) => {
    expect(luhnValid(digits)).toBe(false);
  });

  it.each(['', '0', '4111 1111 1111 1111', '41111111111x1111'])(
    'rejects %j, which is not a digit string',
    (text) => {
      expect(luhnValid(text)).toBe(false);
    },
  );
});
