import type { PosReturn, PosSale, PosTransaction } from '@scontrino/contracts';
import type { ReceiptRecord } from './receipt-record.js';

/** One size/colour/… attribute of a line, stored as a pair: its name is free text. */
export interface VariantAttribute {
  name: string;
  value: string;
}

type StoredLine<TLine> = Omit<TLine, 'variant'> & { variant?: VariantAttribute[] };
type Stored<T extends PosSale | PosReturn> = Omit<T, 'customer' | 'lines'> & {
  lines: StoredLine<T['lines'][number]>[];
};

/**
 * The POS payload as stored: without `customer` (kept apart, encrypted) and with each line's
 * `variant` as name/value pairs, because a variant name is free text and MongoDB-compatible
 * stores refuse keys holding `.` or starting with `$`.
 */
export type StoredPayload = Stored<PosSale> | Stored<PosReturn>;

/** A payload without its customer, still telling sales from returns. */
export type PayloadWithoutCustomer = ReceiptRecord['transaction'];

function storeLine<TLine extends { variant?: Record<string, string> }>(line: TLine): StoredLine<TLine> {
  const { variant, ...rest } = line;
  if (variant === undefined) return rest;
  return { ...rest, variant: Object.entries(variant).map(([name, value]) => ({ name, value })) };
}

function restoreLine<TLine>(line: StoredLine<TLine>): TLine {
  const { variant, ...rest } = line;
  const restored =
    variant === undefined
      ? rest
      : { ...rest, variant: Object.fromEntries(variant.map((a) => [a.name, a.value])) };
  // Putting `variant` back undoes `Omit<TLine, 'variant'>`, which TypeScript cannot follow.
  return restored as TLine;
}

export function toStoredPayload(transaction: PosTransaction): StoredPayload {
  const { customer: _customer, ...withoutCustomer } = transaction;
  // Two equal branches, so each keeps its own line type (sale lines or return lines).
  return withoutCustomer.type === 'sale'
    ? { ...withoutCustomer, lines: withoutCustomer.lines.map(storeLine) }
    : { ...withoutCustomer, lines: withoutCustomer.lines.map(storeLine) };
}

/** The payload as a receipt shows it (no customer): the inverse of {@link toStoredPayload}. */
export function fromStoredPayload(stored: StoredPayload): PayloadWithoutCustomer {
  return stored.type === 'sale'
    ? { ...stored, lines: stored.lines.map((line) => restoreLine<PosSale['lines'][number]>(line)) }
    : { ...stored, lines: stored.lines.map((line) => restoreLine<PosReturn['lines'][number]>(line)) };
}
