import fc from 'fast-check';
import type { Connection } from 'mongoose';

/** What no public input of any service may hold: NUL and other control characters, lone surrogates. */
export const refusedCharacters = [
  '\u0000',
  '\u0001',
  '\u0008',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u009f',
  '\ud800',
  '\udbff',
  '\udc00',
  '\udfff',
] as const;

/** Odd but valid text, kept as sent: noncharacters, the byte order mark, bidirectional controls. */
export const keptOddCharacters = [
  '\uffff',
  '\ufffe',
  '\ufeff',
  '\u202e',
  '\u202d',
  '\u2066',
  '\u2069',
  '\u200f',
  '\t',
  '\n',
] as const;

const plain = ['a', 'Z', '7', ' ', '@', '.', 'é', '€', '😀'];

/**
 * Strings mixing refused characters, odd valid ones and plain text, 1 to `maxLength` UTF-16
 * units: what a fuzz test throws at a public endpoint.
 */
export function oddText(maxLength = 12): fc.Arbitrary<string> {
  return fc
    .array(fc.constantFrom(...refusedCharacters, ...keptOddCharacters, ...plain), {
      minLength: 1,
      maxLength,
    })
    .map((units) => units.join(''));
}

/**
 * Whether a service must refuse `text`, decided without the services' own code: a control
 * character other than tab, line feed and carriage return, or a surrogate that UTF-8 cannot
 * carry (two halves in the right order are a pair, which it can).
 */
export function holdsRefusedText(text: string): boolean {
  const controls = [...text].some((char) => {
    const code = char.codePointAt(0) ?? 0;
    const control = code < 0x20 || (code >= 0x7f && code <= 0x9f);
    return control && char !== '\t' && char !== '\n' && char !== '\r';
  });
  return controls || Buffer.from(text, 'utf8').toString('utf8') !== text;
}

/** Documents per collection of a database: "nothing stored" is the same counts after a request. */
export async function documentCounts(
  database: Connection,
  collections: readonly string[],
): Promise<Record<string, number>> {
  const counts = await Promise.all(
    collections.map(async (name) => [name, await database.collection(name).countDocuments()] as const),
  );
  return Object.fromEntries(counts);
}
