import { describe, expect, it } from 'vitest';
import { normaliseIdentifier, POSSIBLE_PHONE_REASON, tidyContact } from './normalise.js';
import { posContactNotes, posCustomerIdentifiers } from './pos-customer.js';

const value = (result: ReturnType<typeof normaliseIdentifier>) =>
  result.ok ? result.identifier.value : null;

describe('normaliseIdentifier', () => {
  it('when an e-mail is typed with capitals and spaces, then it is trimmed and lower-cased', () => {
    expect(value(normaliseIdentifier('email', '  Jane.Doe+shop@GMail.com '))).toBe('jane.doe+shop@gmail.com');
  });

  it('when the Gmail rules are on, then dots and +tags no longer tell addresses apart', () => {
    const options = { email: { gmailDots: true, plusTags: true } };
    expect(value(normaliseIdentifier('email', 'Jane.Doe+shop@googlemail.com', options))).toBe(
      'janedoe@gmail.com',
    );
    expect(value(normaliseIdentifier('email', 'jane.doe@example.com', options))).toBe('jane.doe@example.com');
  });

  it('when an e-mail is typed in decomposed Unicode, then it is the same address as the composed one', () => {
    const composed = value(normaliseIdentifier('email', 'andr\u00e9@caf\u00e9.it'));
    expect(composed).toBe('andr\u00e9@caf\u00e9.it');
    expect(value(normaliseIdentifier('email', ' ANDRE\u0301@CAFE\u0301.IT'))).toBe(composed);
  });

  it('tidies contact fields the same way before any rule reads them', () => {
    expect(tidyContact('email', ' Mario.Rossi@Example.COM\n')).toBe('mario.rossi@example.com');
    expect(tidyContact('phone', ' +39 333 123 4567 ')).toBe('+39 333 123 4567');
    expect(tidyContact('card', '\t2900000012345 ')).toBe('2900000012345');
  });

  it('when a phone has no prefix, then the store country reads it, and every format gives one E.164', () => {
    const forms = ['333 123 4567', '+39 333 123 4567', '0039 333-123-4567', '(+39) 3331234567'];
    expect(
      new Set(forms.map((form) => value(normaliseIdentifier('phone', form, { defaultCountry: 'IT' })))),
    ).toEqual(new Set(['+393331234567']));
  });

  it('when a phone is no possible number, or has no prefix and no country, then it is refused', () => {
    expect(normaliseIdentifier('phone', '12', { defaultCountry: 'IT' }).ok).toBe(false);
    expect(normaliseIdentifier('phone', '333 123 4567').ok).toBe(false);
  });

  it('when a phone is possible but not valid by the metadata, then it is kept in E.164 at a lower weight', () => {
    const kept = normaliseIdentifier('phone', '300 123 4567', { defaultCountry: 'IT' });
    expect(kept).toMatchObject({
      ok: true,
      identifier: { type: 'phone', value: '+393001234567' },
      lowerWeight: { reason: POSSIBLE_PHONE_REASON },
    });
    expect(value(normaliseIdentifier('phone', '0039 300-1234567'))).toBe('+393001234567');
    expect(normaliseIdentifier('phone', '+39 333 123 4567')).not.toHaveProperty('lowerWeight');
  });

  it('when a card number has spaces or dashes, then only its digits remain', () => {
    expect(value(normaliseIdentifier('card', '4000 1234-5678 9010'))).toBe('4000123456789010');
    expect(normaliseIdentifier('card', 'ABC-123').ok).toBe(false);
  });

  it('when a web-shop account id comes without its shop, then it is refused; with it, namespaced', () => {
    expect(normaliseIdentifier('webAccount', 'c-42').ok).toBe(false);
    expect(value(normaliseIdentifier('webAccount', ' c-42 ', { shopId: 'shop-it' }))).toBe('shop-it:c-42');
  });
});

describe('posContactNotes', () => {
  it('when a till sends an unreadable phone and a possible-but-not-valid one, then the notes say which and why', () => {
    const context = { country: 'IT', tenantId: 'acme' };
    expect(posContactNotes({ phone: 'n/a', email: 'a@b.it' }, context)).toEqual({
      ignored: [{ type: 'phone', reason: expect.stringContaining('not a possible phone number') as string }],
      lowerWeight: [],
    });
    expect(posContactNotes({ phone: '300 123 4567', email: 'nope' }, context)).toEqual({
      ignored: [{ type: 'email', reason: 'not an e-mail address' }],
      lowerWeight: [{ type: 'phone', reason: POSSIBLE_PHONE_REASON }],
    });
    expect(posContactNotes(undefined, context)).toEqual({ ignored: [], lowerWeight: [] });
  });
});

describe('posCustomerIdentifiers', () => {
  it('when a till names a customer, then each field becomes its identifier and an unreadable phone is dropped', () => {
    const identifiers = posCustomerIdentifiers(
      { loyaltyCardNumber: '2000 0000 0042', email: 'A@B.it', phone: 'n/a', ecommerceCustomerId: 'u1' },
      { country: 'IT', tenantId: 'acme' },
    );
    expect(identifiers).toEqual([
      { type: 'card', value: '200000000042' },
      { type: 'email', value: 'a@b.it' },
      { type: 'webAccount', value: 'acme:u1' },
    ]);
  });
});
