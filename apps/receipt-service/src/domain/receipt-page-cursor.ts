/** Where the next page of a customer's receipts starts: after this (occurredAt, id), newest first. */
export interface ReceiptCursor {
  occurredAt: Date;
  id: string;
}

/** Opaque to clients; only this module reads what is inside. */
export function encodeCursor(cursor: ReceiptCursor): string {
  return Buffer.from(JSON.stringify([cursor.occurredAt.toISOString(), cursor.id])).toString('base64url');
}

/** Null for anything that is not a cursor this service handed out. */
export function decodeCursor(value: string): ReceiptCursor | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [iso, id] = parsed as unknown[];
    const occurredAt = typeof iso === 'string' ? new Date(iso) : new Date(Number.NaN);
    if (Number.isNaN(occurredAt.getTime()) || typeof id !== 'string' || id === '') return null;
    return { occurredAt, id };
  } catch {
    return null;
  }
}

/** Newest first; equal times by id, so a page boundary never skips or repeats a receipt. */
export function newestFirst(a: ReceiptCursor, b: ReceiptCursor): number {
  return b.occurredAt.getTime() - a.occurredAt.getTime() || (a.id < b.id ? 1 : a.id > b.id ? -1 : 0);
}

/** The entries after `cursor` in newest-first order (all of them without a cursor). */
export function after<T extends ReceiptCursor>(sorted: readonly T[], cursor: ReceiptCursor | null): T[] {
  return cursor === null ? [...sorted] : sorted.filter((entry) => newestFirst(cursor, entry) < 0);
}
