import { normaliseIdentifier } from '@scontrino/identity';
import { describe, expect, it } from 'vitest';
import { dotless, emailFormats, mailWord, renderEmail, typo } from './emails.js';
import { renderCard } from './formats.js';
import { countries } from './locales.js';
import { e164, mobilePhone, phoneFormats, renderPhone } from './phones.js';
import { SeededRandom } from './prng.js';
import { chainStores } from './stores.js';

const normalised = (type: 'phone' | 'email' | 'card', raw: string, defaultCountry?: string) => {
  const result = normaliseIdentifier(type, raw, { defaultCountry });
  return result.ok ? result.identifier.value : null;
};

describe('phones', () => {
  it('when a mobile of any country is written in any format, then the normaliser reads back its E.164 with that country', () => {
    const random = new SeededRandom(3);
    for (const country of countries) {
      for (let i = 0; i < 10; i += 1) {
        const phone = mobilePhone(random, country);
        for (const format of phoneFormats)
          expect(normalised('phone', renderPhone(phone, format), country)).toBe(e164(phone));
      }
    }
  });

  it('when written as people write them, then the spellings differ', () => {
    const phone = { country: 'IT' as const, callingCode: '39', trunk: '', nsn: '3331234567', headLength: 3 };
    expect(phoneFormats.map((format) => renderPhone(phone, format))).toEqual([
      '+393331234567',
      '+39 333 1234567',
      '0039 3331234567',
      '(+39) 333 123 4567',
      '3331234567',
      '333 1234567',
      '333-123-4567',
      '333.123.4567',
    ]);
  });

  it("when a store's landline is written in any format, then it is a valid number of the store's country", () => {
    for (const store of chainStores(new SeededRandom(5)))
      for (const format of phoneFormats)
        expect(normalised('phone', renderPhone(store.phone, format), store.country)).toBe(e164(store.phone));
  });
});

describe('e-mails and cards', () => {
  it('when an address is typed with capitals or spaces, then it normalises to itself', () => {
    for (const format of emailFormats)
      expect(normalised('email', renderEmail('giulia.de.luca@libero.it', format))).toBe(
        'giulia.de.luca@libero.it',
      );
  });

  it('when a Gmail address loses its dots or is misspelt, then it is another address', () => {
    expect(dotless('mario.rossi@gmail.com')).toBe('mariorossi@gmail.com');
    expect(dotless('mario.rossi@libero.it')).toBeNull();
    const random = new SeededRandom(1);
    for (let i = 0; i < 50; i += 1)
      expect(typo(random, 'mario.rossi@gmail.com')).not.toBe('mario.rossi@gmail.com');
  });

  it('when names carry accents or apostrophes, then the address keeps plain letters', () => {
    expect(mailWord("Nicolò D'Angelo")).toBe('nicolodangelo');
    expect(mailWord('Jürgen')).toBe('jurgen');
  });

  it('when a card is keyed in groups, then the normaliser reads its digits', () => {
    expect(renderCard('2912345678901', 'spaced')).toBe('2912 3456 7890 1');
    expect(normalised('card', renderCard('2912345678901', 'dashed'))).toBe('2912345678901');
  });
});
