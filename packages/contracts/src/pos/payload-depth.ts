/**
 * Deeper than any valid POS payload (lines[i].discounts[j].amount is 5 levels): a body nested
 * further is refused before the contract scan, whose cost grows with depth × depth.
 */
export const MAX_PAYLOAD_DEPTH = 32;

/**
 * The path of an object or array `maxDepth` levels down (one level too many), or null when
 * `value` nests no deeper than `maxDepth`; iterative, never recursive.
 */
export function tooDeepAt(value: unknown, maxDepth: number): (string | number)[] | null {
  const pending: [unknown, (string | number)[]][] = [[value, []]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [current, path] = item;
    if (typeof current !== 'object' || current === null) continue;
    if (path.length >= maxDepth) return path;
    for (const [key, child] of Object.entries(current))
      pending.push([child, [...path, Array.isArray(current) ? Number(key) : key]]);
  }
  return null;
}

/** True when `value` nests objects or arrays more than `maxDepth` levels. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  return tooDeepAt(value, maxDepth) !== null;
}
