/**
 * Deeper than any valid POS payload (lines[i].discounts[j].amount is 5 levels): a body nested
 * further is refused before the contract scan, whose cost grows with depth × depth.
 */
export const MAX_PAYLOAD_DEPTH = 32;

/** True when `value` nests objects or arrays more than `maxDepth` levels; iterative, never recursive. */
export function nestsDeeperThan(value: unknown, maxDepth: number): boolean {
  const pending: [unknown, number][] = [[value, 0]];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const [current, depth] = item;
    if (typeof current !== 'object' || current === null) continue;
    if (depth >= maxDepth) return true;
    for (const child of Object.values(current)) pending.push([child, depth + 1]);
  }
  return false;
}
