import { describe, expect, it } from 'vitest';
import { nestsDeeperThan, tooDeepAt } from './payload-depth.js';

describe('payload depth', () => {
  it('counts levels of objects and arrays, not scalars', () => {
    expect(nestsDeeperThan('x', 0)).toBe(false);
    expect(nestsDeeperThan({ a: 1 }, 1)).toBe(false);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 2)).toBe(true);
    expect(nestsDeeperThan({ a: [{ b: 1 }] }, 3)).toBe(false);
  });

  it('measures a hostile nesting without overflowing the stack', () => {
    const deep = JSON.parse(`${'['.repeat(200_000)}${']'.repeat(200_000)}`) as unknown;
    expect(nestsDeeperThan(deep, 32)).toBe(true);
  });

  it('names the path of the level one too deep', () => {
    expect(tooDeepAt({ a: [{ b: 1 }] }, 3)).toBeNull();
    expect(tooDeepAt({ lines: [{ variant: { x: { y: 1 } } }] }, 3)).toEqual(['lines', 0, 'variant']);
  });
});
