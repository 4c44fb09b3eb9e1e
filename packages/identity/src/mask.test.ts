import { describe, expect, it } from 'vitest';
import { type IdentifierType, identifierTypes } from './identifier-types.js';
import { maskIdentifier, maskName } from './mask.js';

const mask = (type: IdentifierType, value: string) => maskIdentifier({ type, value });

describe('maskIdentifier', () => {
  it('when an e-mail is shown to staff, then they see a hint of the mailbox and domain and the top-level domain', () => {
    expect(mask('email', 'marco@example.it')).toBe('m•••o@e•••.it');
    expect(mask('email', 'jane@example.com')).toBe('j•••@e•••.com');
    expect(mask('email', 'lucia.bianchi@mail.example.co.uk')).toBe('l•••i@m•••.uk');
  });

  it('when a mailbox or domain is one or two characters, then no more than its first is shown, and a one-letter part not even that', () => {
    expect(mask('email', 'a@b.it')).toBe('•••@•••.it');
    expect(mask('email', 'al@bo.it')).toBe('a•••@b•••.it');
    expect(mask('email', 'ann@x.it')).toBe('a•••@•••.it');
  });

  it('when an e-mail has accents, emoji or letters outside the BMP, then none is cut in half', () => {
    expect(mask('email', 'andré@café.it')).toBe('a•••é@c•••.it');
    // é as e + combining acute: still one character.
    expect(mask('email', 'andre\u0301@cafe\u0301.it')).toBe('a•••e\u0301@c•••.it');
    expect(mask('email', '𝒶𝓃𝓃𝒶@例え.jp')).toBe('𝒶•••@例•••.jp');
    expect(mask('email', '👩‍👩‍👧x@famiglia.it')).toBe('👩‍👩‍👧•••@f•••.it');
  });

  it('when a value holds a bidi override or a BOM, then the mask shows neither', () => {
    expect(mask('email', '\u202emarco@example.it')).toBe('m•••o@e•••.it');
    expect(mask('card', '\ufeff12345678')).toBe('••••5678');
    expect(maskName('\u202eAnna \u2066Rossi')).toBe('A. R.');
  });

  it('when an e-mail is of an odd form, then it is still masked as a whole', () => {
    expect(mask('email', 'not-an-address')).toBe('n•••s');
    expect(mask('email', 'local@localhost')).toBe('l•••l@l•••');
    expect(mask('email', 'odd@name@example.it')).toBe('o•••e@e•••.it');
    expect(mask('email', '@example.it')).toBe('•••@e•••.it');
  });

  it('when a phone number is shown, then the country prefix and its last digits are, in pairs', () => {
    expect(mask('phone', '+393331234567')).toBe('+39 ••• ••• 45 67');
    expect(mask('phone', '+390212345678')).toBe('+39 ••• ••• 56 78');
    expect(mask('phone', '+14155552671')).toBe('+1 ••• ••• 26 71');
    expect(mask('phone', '+442079460958')).toBe('+44 ••• ••• 09 58');
  });

  it('when a phone number is short or unreadable, then fewer digits show, never the whole number', () => {
    // A 6-digit national number (Saint Helena, +290): 2 digits.
    expect(mask('phone', '+290123456')).toBe('+290 ••• ••• 56');
    expect(mask('phone', '1234')).toBe('••• •••');
    expect(mask('phone', '12345')).toBe('••• ••• 45');
    expect(mask('phone', 'n/a')).toBe('••• •••');
  });

  it('when a card is shown, then its last four digits are, and a short number keeps more hidden than shown', () => {
    expect(mask('card', '4000123456789010')).toBe('••••9010');
    expect(mask('card', '2900000012345')).toBe('••••2345');
    expect(mask('card', '12345678')).toBe('••••5678');
    expect(mask('card', '123456')).toBe('••••56');
    expect(mask('card', '1234')).toBe('••••');
  });

  it('when a web-shop account is shown, then the shop stays and the account id is masked like a card', () => {
    expect(mask('webAccount', 'moda-rossi-web:customer-99812')).toBe('moda-rossi-web:••••9812');
    expect(mask('webAccount', 'acme:u1')).toBe('acme:••••');
    expect(mask('payment', 'fp_9a8b7c6d5e')).toBe('••••6d5e');
    expect(mask('device', 'd')).toBe('••••');
  });

  it('when any value is masked, then the mask is well-formed text and never holds the whole value', () => {
    const odd = [
      '',
      ' ',
      '\u200f',
      '\ufeff',
      '\uffff',
      'a',
      'ab',
      '😀',
      '😀😀😀😀😀😀',
      'a😀@😀😀.😀',
      'e\u0301e\u0301e\u0301e\u0301e\u0301e\u0301',
      '+',
      '@',
      '@@',
      'x@y',
      'ä@ö.ü',
      '00393331234567',
      '+39 333 123 4567',
      '0000000000000000000000000000000000000000',
      'Ω'.repeat(300),
    ];
    for (const type of identifierTypes)
      for (const value of odd) {
        const masked = mask(type, value);
        // With the u flag only a lone surrogate matches: a character cut in half.
        expect(masked, `${type} ${JSON.stringify(value)}`).not.toMatch(/[\uD800-\uDFFF]/u);
        expect(masked).toMatch(/•••/);
        if (value.length >= 2) expect(masked, `${type} ${JSON.stringify(value)}`).not.toContain(value);
      }
  });
});

describe('maskName', () => {
  it('when a name is shown to staff, then they see its initials', () => {
    expect(maskName('Anna Rossi')).toBe('A. R.');
    expect(maskName('Anna Maria de Rossi')).toBe('A. M. D. R.');
    expect(maskName('  ROSSI   anna ')).toBe('R. A.');
    expect(maskName('Jean-Luc Picard')).toBe('J. P.');
  });

  it('when a name has accents, apostrophes, other scripts or no letters, then the initials are still whole letters', () => {
    expect(maskName("Élodie D'Amico")).toBe('É. D.');
    expect(maskName('E\u0301lodie')).toBe('É.');
    expect(maskName('"Gigi" Buffon')).toBe('G. B.');
    expect(maskName('Ἀλέξανδρος Παπαδόπουλος')).toBe('Ἀ. Π.');
    expect(maskName('李 小龙')).toBe('李. 小.');
    expect(maskName('𝒜𝓃𝓃𝒶 ß')).toBe('𝒜. SS.');
    expect(maskName('Anna\u00a0Rossi')).toBe('A. R.');
    expect(maskName('')).toBe('•••');
    expect(maskName(' - ')).toBe('•••');
  });
});
