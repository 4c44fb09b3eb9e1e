import { type ContractIssue, type IssuePath, ruleIssue } from './issues.js';
import { luhnValid } from './luhn.js';

const MIN_PAN_DIGITS = 13;
const MAX_PAN_DIGITS = 19;

/** Stands in for an object key that holds a card number, so that no path repeats it. */
export const REDACTED_KEY = '[card number]';

const CARD_MESSAGE =
  'looks like a payment card number (13–19 digits passing the Luhn check); card numbers must never be ' +
  'sent: send the payment provider token as customer.paymentFingerprint and payments[].last4';

interface Exemption {
  /** Field path; '*' stands for any array index. */
  pattern: readonly string[];
  /** Runs up to this many digits are not flagged in the field. */
  upToDigits: number;
}

// Where a long check-digited number is expected and is not a card, so that a valid sale is never
// refused by chance (a random 13–19 digit number passes Luhn one time in ten, and a refused sale
// is lost: the POS retries the same body forever).
const exemptions: readonly Exemption[] = [
  // Loyalty numbers follow ISO/IEC 7812 like cards do and often carry a Luhn digit by design.
  { pattern: ['customer', 'loyaltyCardNumber'], upToDigits: Infinity },
  // Identifiers the POS or the retailer assigns: numeric receipt numbers, EAN/GTIN SKUs.
  ...[
    ['transactionId'],
    ['originalTransactionId'],
    ['storeId'],
    ['terminalId'],
    ['cashierId'],
    ['lines', '*', 'lineId'],
    ['lines', '*', 'originalLineId'],
    ['lines', '*', 'sku'],
  ].map((pattern) => ({ pattern, upToDigits: Infinity })),
  // E.164 numbers have at most 15 digits; a 16–19 digit run in a phone field is still refused.
  { pattern: ['customer', 'phone'], upToDigits: 15 },
];

// Numbers where the contract expects an amount, a quantity or points: their own rule refuses any
// of 13 digits or more (MAX_MINOR_AMOUNT), and names the rule that is broken, not this one.
const numericFields: readonly (readonly string[])[] = [
  ['lines', '*', 'quantity'],
  ['lines', '*', 'unitPrice'],
  ['lines', '*', 'total'],
  ['lines', '*', 'discounts', '*', 'amount'],
  ['discounts', '*', 'amount'],
  ['taxes', '*', 'taxable'],
  ['taxes', '*', 'tax'],
  ['totals', 'subtotal'],
  ['totals', 'discountTotal'],
  ['totals', 'taxTotal'],
  ['totals', 'total'],
  ['payments', '*', 'amount'],
  ['payments', '*', 'change'],
  ['loyalty', 'pointsRedeemed'],
];

const matches = (pattern: readonly string[], path: IssuePath) =>
  pattern.length === path.length &&
  pattern.every((segment, i) => segment === path[i] || (segment === '*' && typeof path[i] === 'number'));

function exemptDigits(path: IssuePath): number {
  return exemptions.find(({ pattern }) => matches(pattern, path))?.upToDigits ?? 0;
}

/**
 * True when `text` holds a run of 13–19 digits, written plain or in groups joined by single
 * spaces or dashes ("4111 1111 1111 1111"), that passes the Luhn check. Groups are tried in every
 * contiguous combination, so a card number next to another number ("qty 2 4111 …") is still found.
 */
export function holdsCardNumber(text: string, exemptUpToDigits = 0): boolean {
  // Every candidate is made of the text's digits: too few of them, and there is none.
  if (!enoughDigits(text, exemptUpToDigits)) return false;
  for (const [run] of text.matchAll(/\d+(?:[ -]\d+)*/g)) {
    const groups = run.split(/[ -]/);
    for (let start = 0; start < groups.length; start++) {
      let digits = '';
      for (let end = start; end < groups.length; end++) {
        digits += groups[end];
        if (digits.length > MAX_PAN_DIGITS) break;
        if (digits.length >= MIN_PAN_DIGITS && digits.length > exemptUpToDigits && luhnValid(digits))
          return true;
      }
    }
  }
  return false;
}

/** True when `text` holds at least 13 digits, and more than `exemptUpToDigits`. */
function enoughDigits(text: string, exemptUpToDigits = 0): boolean {
  const needed = Math.max(MIN_PAN_DIGITS, exemptUpToDigits + 1);
  if (text.length < needed) return false;
  let digits = 0;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code >= 48 && code <= 57 && ++digits >= needed) return true;
  }
  return false;
}

/** A path safe to log and to return: keys holding a card number are replaced by {@link REDACTED_KEY}. */
export function redactPath(path: IssuePath): IssuePath {
  return path.map((segment) =>
    typeof segment === 'string' && holdsCardNumber(segment) ? REDACTED_KEY : segment,
  );
}

/**
 * Every place in `value` (strings, numbers and object keys, at any depth, unknown fields included)
 * that holds something looking like a payment card number. Messages never repeat the number.
 */
export function findCardNumbers(value: unknown): ContractIssue[] {
  const issues: ContractIssue[] = [];
  const visited = new Set<object>();
  // An explicit stack: a hostile payload may nest deeper than the call stack allows.
  const pending: { value: unknown; path: IssuePath }[] = [{ value, path: [] }];
  for (let item = pending.pop(); item !== undefined; item = pending.pop()) {
    const { value: current, path } = item;
    if (typeof current === 'string' || typeof current === 'number' || typeof current === 'bigint') {
      const text = String(current);
      // Most values (amounts, names, codes) hold too few digits to be looked at further.
      if (!enoughDigits(text)) continue;
      if (typeof current === 'number' && numericFields.some((pattern) => matches(pattern, path))) continue;
      if (holdsCardNumber(text, exemptDigits(path)))
        issues.push(ruleIssue(path, 'card_number', CARD_MESSAGE));
      continue;
    }
    if (typeof current !== 'object' || current === null || visited.has(current)) continue;
    visited.add(current);
    const entries: [string | number, unknown][] = Array.isArray(current)
      ? current.map((child, index): [number, unknown] => [index, child])
      : Object.entries(current);
    const children: { value: unknown; path: IssuePath }[] = [];
    for (const [key, child] of entries) {
      const keyHoldsCard = typeof key === 'string' && holdsCardNumber(key);
      const childPath = [...path, keyHoldsCard ? REDACTED_KEY : key];
      if (keyHoldsCard) issues.push(ruleIssue(childPath, 'card_number', `this key ${CARD_MESSAGE}`));
      children.push({ value: child, path: childPath });
    }
    pending.push(...children.reverse());
  }
  return issues;
}
