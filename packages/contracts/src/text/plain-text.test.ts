import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findUnsafeText, MAX_PATH_SEGMENTS, unsafeTextIn } from './plain-text.js';

const refused = ['\u0000', '\u0007', '\u001b', '\u007f', '\u0085', '\ud800', '\udfff'];
const kept = ['\t', '\n', '\r', '\uffff', '\ufffe', '\ufeff', '\u202e', '\u2066', '😀', 'é', 'e\u0301'];

describe('unsafeTextIn', () => {
  it.each(refused)('refuses %j', (char) => {
    expect(unsafeTextIn(`a${char}b`)).not.toBeNull();
  });

  it.each(kept)('keeps %j', (char) => {
    expect(unsafeTextIn(`a${char}b`)).toBeNull();
  });

  it('names the character it refuses, never the text around it', () => {
    expect(unsafeTextIn('Mario\u0000Rossi')).toEqual({
      code: 'control_character',
      message: 'holds the control character U+0000; only tab and line breaks are allowed',
    });
    expect(unsafeTextIn('x\udc00')?.message).toBe(
      'holds a lone surrogate (U+DC00): text must be well-formed Unicode',
    );
  });

  it('is refused exactly when a string holds a refused code point', () => {
    const char = fc.constantFrom(...refused, ...kept, 'a', ' ', '€');
    fc.assert(
      fc.property(fc.array(char, { maxLength: 12 }), (chars) => {
        const text = chars.join('');
        // UTF-8 cannot carry a lone surrogate (two halves in order make a pair, which it can).
        const wellFormed = Buffer.from(text, 'utf8').toString('utf8') === text;
        const hasControl = chars.some((c) => refused.slice(0, 5).includes(c));
        expect(unsafeTextIn(text) === null).toBe(wellFormed && !hasControl);
      }),
    );
  });
});

describe('findUnsafeText', () => {
  it('finds values and keys at any depth, by path', () => {
    const input = {
      name: 'ok',
      lines: [{ name: 'nul \u0000' }, { variant: { 'col\u0001or': 'blu', size: '\ud800' } }],
    };
    expect(findUnsafeText(input).map(({ pointer, code }) => [pointer, code])).toEqual([
      ['lines[0].name', 'control_character'],
      ['lines[1].variant["col\\u0001or"]', 'control_character'],
      ['lines[1].variant.size', 'lone_surrogate'],
    ]);
    expect(findUnsafeText('\u0000')[0]?.pointer).toBe('(root)');
  });

  it('finds nothing in well-formed text, whatever its code points', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 4, stringUnit: fc.constantFrom(...kept, 'a', '€') }), (value) => {
        expect(findUnsafeText(value)).toEqual([]);
      }),
    );
  });

  it('stops at the limit, and walks an input nested far deeper than the call stack', () => {
    expect(
      findUnsafeText(
        Array.from({ length: 50 }, () => '\u0000'),
        3,
      ),
    ).toHaveLength(3);
    let deep: unknown = '\u0000';
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const [issue] = findUnsafeText(deep);
    expect(issue?.path).toHaveLength(MAX_PATH_SEGMENTS + 1);
    expect(issue?.pointer).toMatch(/^\[0\]\[0\].*\["…"\]$/);
  });
});
