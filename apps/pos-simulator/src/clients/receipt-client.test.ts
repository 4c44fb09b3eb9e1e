import { describe, expect, it } from 'vitest';
import { formTokenOf } from './receipt-client.js';

describe('claim page reading', () => {
  it('when the claim page holds the hidden form token, then it is read whatever the attribute order', () => {
    expect(formTokenOf('<form method="post"><input type="hidden" name="form" value="abc.DEF_1-2"/>')).toBe(
      'abc.DEF_1-2',
    );
    expect(formTokenOf('<input value="x&amp;y" name="form" type="hidden">')).toBe('x&y');
  });

  it('when the page has no form token, then there is none to send', () => {
    expect(formTokenOf('<input name="email" value="a@b.c">')).toBeNull();
    expect(formTokenOf('<p>Già richiesto</p>')).toBeNull();
  });
});
