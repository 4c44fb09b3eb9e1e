export type IssuePath = (string | number)[];

/**
 * One broken rule of the contract, as the receipt service returns it in a 422.
 * `code` is zod's issue code for shape errors (`invalid_type`, `too_big`, …) and one of
 * {@link RuleCode} for the cross-field rules.
 */
export interface ContractIssue {
  path: IssuePath;
  /** `path` written as a JSON accessor, e.g. `lines[1].total`; `(root)` for the payload itself. */
  pointer: string;
  code: string;
  message: string;
}

export type RuleCode =
  | 'line_total_mismatch'
  | 'line_total_negative'
  | 'duplicate_line_id'
  | 'subtotal_mismatch'
  | 'discount_total_mismatch'
  | 'total_mismatch'
  | 'total_negative'
  | 'payments_mismatch'
  | 'change_not_cash'
  | 'change_exceeds_amount'
  | 'tax_mismatch'
  | 'duplicate_tax_rate'
  | 'line_tax_rate_missing'
  | 'taxable_sum_mismatch'
  | 'tax_total_mismatch'
  | 'occurred_at_future'
  | 'occurred_at_past'
  | 'card_number'
  | 'too_deep'
  | 'return_wrong_original'
  | 'return_currency_mismatch'
  | 'return_line_unknown'
  | 'return_quantity_exceeded'
  | 'return_amount_exceeded';

const identifier = /^[A-Za-z_$][\w$]*$/;

export function toPointer(path: readonly (string | number)[]): string {
  const pointer = path.reduce<string>((written, segment) => {
    if (typeof segment === 'number') return `${written}[${segment}]`;
    // Quoted when a key would not read back unambiguously (variant keys are free text).
    if (!identifier.test(segment)) return `${written}[${JSON.stringify(segment)}]`;
    return written === '' ? segment : `${written}.${segment}`;
  }, '');
  return pointer === '' ? '(root)' : pointer;
}

export function ruleIssue(path: IssuePath, code: RuleCode, message: string): ContractIssue {
  return { path, pointer: toPointer(path), code, message };
}
