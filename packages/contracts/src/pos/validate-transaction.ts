import type { z } from 'zod';
import { findCardNumbers, redactPath } from './card-numbers.js';
import { type ContractIssue, ruleIssue, toPointer } from './issues.js';
import { MAX_PAYLOAD_DEPTH, tooDeepAt } from './payload-depth.js';
import { checkTransactionRules, type RuleOptions } from './transaction-rules.js';
import { type PosTransaction, posTransactionSchema } from './transaction-schema.js';

export type PosValidationResult =
  { ok: true; value: PosTransaction } | { ok: false; issues: ContractIssue[] };

function fromZodIssue(issue: z.core.$ZodIssue): ContractIssue {
  // JSON has no symbol keys, but zod types paths as PropertyKey[].
  const path = redactPath(
    issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment)),
  );
  return { path, pointer: toPointer(path), code: issue.code, message: issue.message };
}

/**
 * Validates a POS payload against the whole contract: its shape, the cross-field rules 1–6 when
 * the shape parses, and the card-number ban over the raw input (unknown fields included). Every
 * violation is returned, not just the first; rule 7 needs the original sale, see
 * `checkReturnAgainstSale`. On success `value` holds the parsed payload, unknown keys stripped.
 */
export function validatePosTransaction(input: unknown, options: RuleOptions): PosValidationResult {
  // Before anything walks the payload: the card-number scan's cost grows with depth × depth.
  const tooDeep = tooDeepAt(input, MAX_PAYLOAD_DEPTH);
  if (tooDeep !== null) {
    // Named down to the level one too deep, so the caller sees which field holds the nesting.
    const message = `nests objects and arrays more than ${MAX_PAYLOAD_DEPTH} levels deep; a transaction needs 5`;
    return { ok: false, issues: [ruleIssue(tooDeep, 'too_deep', message)] };
  }
  const parsed = posTransactionSchema.safeParse(input);
  const issues = [
    ...(parsed.success ? checkTransactionRules(parsed.data, options) : parsed.error.issues.map(fromZodIssue)),
    ...findCardNumbers(input),
  ];
  if (parsed.success && issues.length === 0) return { ok: true, value: parsed.data };
  return { ok: false, issues };
}
