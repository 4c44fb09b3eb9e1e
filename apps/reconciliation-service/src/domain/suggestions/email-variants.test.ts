import { describe, expect, it } from 'vitest';
import { compareEmails, mailbox, mailLettersKey, providerRules } from './email-variants.js';

describe('provider rules', () => {
  it('when the provider is Gmail, then dots and + tags are ignored, and googlemail is gmail', () => {
    expect(mailbox('anna.rossi+saldi@googlemail.com')).toBe('annarossi@gmail.com');
  });

  it('when the provider only ignores + tags, then dots still count', () => {
    expect(providerRules('outlook.it').ignoresPlusTag).toBe(true);
    expect(mailbox('anna.rossi+x@outlook.it')).toBe('anna.rossi@outlook.it');
    expect(mailbox('anna.rossi+x@libero.it')).toBe('anna.rossi+x@libero.it');
  });
});

describe('comparing two addresses', () => {
  it.each([
    ['annarossi@gmail.com', 'anna.rossi@gmail.com', 'same-mailbox'],
    ['anna.rossi+web@hotmail.it', 'anna.rossi@hotmail.it', 'same-mailbox'],
    ['anna.rossi@libero.it', 'annarossi@libero.it', 'separators-only'],
    ['beatrice_rinaldi@gmail.com', 'beatrice.rinaldi@gmail.com', 'separators-only'],
    ['anna.rossi@libero.it', 'anna.rosi@libero.it', 'one-edit'],
    ['anna.rsosi@libero.it', 'anna.rossi@libero.it', 'letters-swapped'],
    ['anna.rossi@gmial.com', 'anna.rossi@gmail.com', 'domain-typo'],
    ['anna.rossi@libero.it', 'anna.rossi@tiscali.it', 'same-local-other-provider'],
    ['marco.neri@libero.it', 'anna.rossi@libero.it', 'different'],
  ])('%s and %s: %s', (a, b, level) => {
    expect(compareEmails(a, b)).toBe(level);
    expect(compareEmails(b, a)).toBe(level);
  });

  it.each([
    ['bruno281@gmail.com', 'bruno821@gmail.com'],
    ['bruno281@gmail.com', 'bruno218@gmail.com'],
    ['bruno281@gmail.com', 'bruno291@gmail.com'],
    ['mario.rossi85@libero.it', 'mario.rossi@libero.it'],
  ])('when %s and %s differ only in their numbers, then they are numbered namesakes', (a, b) => {
    expect(compareEmails(a, b)).toBe('numbered-namesake');
  });

  it('when addresses share their letters in any order, then they share a blocking key', () => {
    expect(mailLettersKey('bruno281@gmail.com')).toBe(mailLettersKey('bruno821@yahoo.it'));
    expect(mailLettersKey('anna.rossi+web@gmail.com')).toBe(mailLettersKey('annarossi@gmial.com'));
    expect(mailLettersKey('anna.rossi@gmail.com')).not.toBe(mailLettersKey('marco.neri@gmail.com'));
    expect(mailLettersKey('a1@x.it')).toBeNull();
  });
});
