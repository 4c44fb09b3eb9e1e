import { describe, expect, it as test } from 'vitest';
import { codeInput, emailInput } from './sign-in-input.js';

describe('emailInput', () => {
  test('when an address is typed with stray spaces, then it is kept trimmed', () => {
    expect(emailInput('  anna.rossi@example.it ')).toBe('anna.rossi@example.it');
  });

  test('when the address is incomplete, then it is refused before any request', () => {
    for (const raw of ['', 'anna', 'anna@', 'anna@example', 'anna@example.', 'an na@example.it'])
      expect(emailInput(raw)).toBeNull();
  });
});

describe('codeInput', () => {
  test('when a code is pasted with a space or a dash, then the six digits are kept', () => {
    expect(codeInput('123 456')).toBe('123456');
    expect(codeInput('123-456')).toBe('123456');
    expect(codeInput('012345')).toBe('012345');
  });

  test('when the code is not six digits, then it is refused before any request', () => {
    for (const raw of ['', '12345', '1234567', '12345a']) expect(codeInput(raw)).toBeNull();
  });
});
