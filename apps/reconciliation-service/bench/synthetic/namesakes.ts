import { mailWord } from './emails.js';
import { isTakenEmail, takeEmail, type SyntheticPerson, type Taken } from './people.js';
import type { SeededRandom } from './prng.js';

/** Three different digits: what a provider appends when `bruno@` is taken. */
function threeDigits(random: SeededRandom): string {
  const digits = new Set<string>();
  while (digits.size < 3) digits.add(String(random.int(1, 9)));
  return [...digits].join('');
}

/** The other namesake's number: two neighbouring digits swapped (`281` → `821`… `218`), or one digit changed. */
function nearNumber(random: SeededRandom, digits: string): string {
  if (random.chance(0.5)) {
    const i = random.int(0, digits.length - 2);
    return digits.slice(0, i) + digits[i + 1] + digits[i] + digits.slice(i + 2);
  }
  const i = random.int(0, digits.length - 1);
  const changed = String(((Number(digits[i]) + random.int(1, 8)) % 9) + 1);
  return digits.slice(0, i) + changed + digits.slice(i + 1);
}

/**
 * Numbered namesakes: for `share` of the people (two by two), the second takes the first's name,
 * and both use the numbered address their provider gave them (`bruno281@gmail.com`,
 * `bruno821@gmail.com`): one digit apart or two digits swapped. Different customers that a
 * matcher reading only names and edit distances would join. Runs on its own random stream, so
 * the rest of the dataset does not move when the share changes.
 */
export function addNumberedNamesakes(
  random: SeededRandom,
  people: SyntheticPerson[],
  share: number,
  taken: Taken,
): void {
  const pairs = Math.floor((people.length * share) / 2);
  const free = people.filter((person) => person.emails.length > 0);
  for (let n = 0; n < pairs && free.length >= 2; n += 1) {
    const [first] = free.splice(random.int(0, free.length - 1), 1) as [SyntheticPerson];
    const [second] = free.splice(random.int(0, free.length - 1), 1) as [SyntheticPerson];
    const provider = (first.emails[0] as string).split('@')[1] as string;
    const local = mailWord(first.firstName);
    let digits = threeDigits(random);
    let near = nearNumber(random, digits);
    while (
      near === digits ||
      isTakenEmail(taken, `${local}${digits}@${provider}`) ||
      isTakenEmail(taken, `${local}${near}@${provider}`)
    ) {
      digits = threeDigits(random);
      near = nearNumber(random, digits);
    }
    second.firstName = first.firstName;
    second.lastName = first.lastName;
    for (const [person, number] of [
      [first, digits],
      [second, near],
    ] as const) {
      const address = `${local}${number}@${provider}`;
      takeEmail(taken, address);
      person.emails[0] = address;
      person.dotlessEmail = null;
      person.traits.delete('dotless-gmail');
      person.traits.add('numbered-namesake');
    }
  }
}
