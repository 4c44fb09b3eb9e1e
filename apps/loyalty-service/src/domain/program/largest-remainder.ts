/**
 * Shares `total` whole points over `weights` in proportion (Hamilton's largest-remainder method):
 * every part is the floor of its exact quota, and the points left go one each to the largest
 * remainders, the earlier index first on a tie. The parts always add up to `total`, and no part
 * exceeds its quota rounded up, so a share of a cap never exceeds what the line had.
 *
 * Weights are non-negative integers (minor units, points); the arithmetic is exact (BigInt), so
 * a large bonus over large amounts is not bent by floating point. With all weights zero the total
 * is shared equally.
 */
export function shareOut(total: number, weights: readonly number[]): number[] {
  if (!Number.isSafeInteger(total) || total < 0) throw new RangeError(`cannot share ${total}`);
  if (weights.length === 0) return [];
  if (weights.some((weight) => !Number.isSafeInteger(weight) || weight < 0))
    throw new RangeError('weights are non-negative integers');
  const effective = weights.every((weight) => weight === 0) ? weights.map(() => 1) : weights;
  const sum = effective.reduce((a, b) => a + BigInt(b), 0n);
  const whole = BigInt(total);
  const parts = effective.map((weight) => {
    const exact = whole * BigInt(weight);
    return { share: exact / sum, remainder: exact % sum };
  });
  let left = total - parts.reduce((a, part) => a + Number(part.share), 0);
  const order = parts
    .map((part, index) => ({ index, remainder: part.remainder }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  const shares = parts.map((part) => Number(part.share));
  for (const { index } of order) {
    if (left === 0) break;
    shares[index] = (shares[index] ?? 0) + 1;
    left -= 1;
  }
  return shares;
}
