/**
 * Where the next page of a member's history starts: below this seq (newest first). Opaque to the
 * app; it only selects entries of the member the token names, so a cursor from another member's
 * page reveals nothing.
 */
export function encodeHistoryCursor(seq: number): string {
  return Buffer.from(`h1:${seq}`).toString('base64url');
}

/** Null for anything this service did not hand out. */
export function decodeHistoryCursor(cursor: string): number | null {
  const match = /^h1:(\d{1,10})$/.exec(Buffer.from(cursor, 'base64url').toString('utf8'));
  const seq = match?.[1] ? Number(match[1]) : Number.NaN;
  return Number.isSafeInteger(seq) && seq > 0 ? seq : null;
}
