import { randomBytes } from 'node:crypto';

const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';

/** RFC 4648 base32, lower case and unpadded: safe in URLs, ids and file names, no `_` or `-`. */
export function base32(bytes: Uint8Array): string {
  let output = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      output += BASE32_ALPHABET[(buffer >> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) output += BASE32_ALPHABET[(buffer << (5 - bits)) & 31];
  return output;
}

/**
 * A new id that says what it names (`rcpt_…`, `mbr_…`): 128 random bits in base32 (26
 * characters), so ids cannot be guessed or enumerated.
 */
export function randomId(prefix: string): string {
  return `${prefix}_${base32(randomBytes(16))}`;
}
