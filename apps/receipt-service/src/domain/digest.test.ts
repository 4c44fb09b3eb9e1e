import { examplePosSale } from '@scontrino/contracts';
import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './digest.js';

describe('request hashing', () => {
  it('ignores key order and whitespace, at every level', () => {
    const a = JSON.parse('{"b": 1, "a": {"y": [1, {"q": 2, "p": 1}], "x": null}}') as unknown;
    const b = JSON.parse('{"a":{"x":null,"y":[1,{"p":1,"q":2}]},"b":1}') as unknown;
    expect(canonicalJson(a)).toBe('{"a":{"x":null,"y":[1,{"p":1,"q":2}]},"b":1}');
    expect(requestHash(a)).toBe(requestHash(b));
  });

  it('tells apart bodies that differ in a value or in array order', () => {
    expect(requestHash({ total: 100 })).not.toBe(requestHash({ total: 101 }));
    expect(requestHash([1, 2])).not.toBe(requestHash([2, 1]));
    expect(requestHash({ a: '1' })).not.toBe(requestHash({ a: 1 }));
  });

  it('is a sha256 in hex', () => {
    expect(requestHash({})).toMatch(/^[0-9a-f]{64}$/);
  });

  it('gives the hash stored sales were recorded with: a replay after an upgrade still matches its sale', () => {
    expect(requestHash(examplePosSale())).toBe(
      '73507ba6114aa4a05c2f78eed9eb1f3047595ae33a71852b8dbeed8481f292f7',
    );
    const tricky = {
      é: 1,
      Z: [undefined, null, { b: undefined, a: 'ü\u2028"' }],
      a: { '10': 1, '9': 2, '': true },
    };
    expect(canonicalJson(tricky)).toBe(
      '{"Z":[null,null,{"a":"ü\u2028\\""}],"a":{"":true,"10":1,"9":2},"é":1}',
    );
  });
});
