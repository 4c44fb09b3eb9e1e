export { findCardNumbers, holdsCardNumber, redactPath } from './card-numbers.js';
export { examplePosReturn, examplePosSale } from './examples.js';
export { type ContractIssue, type IssuePath, type RuleCode, toPointer } from './issues.js';
export { checkLineIds, checkLineTotals, expectedLineTotal, lineAmount } from './line-rules.js';
export { contactEmailSchema, localeSchema, quantitySchema } from './fields.js';
export { luhnValid } from './luhn.js';
export {
  currencyCodeSchema,
  MAX_MINOR_AMOUNT,
  minorAmountSchema,
  minorUnitExponent,
  sumMinor,
} from './money.js';
export { checkPayments } from './payment-rules.js';
export { checkReturnAgainstSale, refundCap } from './return-rules.js';
export { checkTaxes, expectedTax, TAX_TOLERANCE } from './tax-rules.js';
export { checkTotals } from './totals-rules.js';
export {
  checkOccurredAt,
  checkTransactionRules,
  DEFAULT_OCCURRED_AT_WINDOW,
  MAX_CLOCK_LEAD_MS,
  type OccurredAtWindow,
  type RuleOptions,
} from './transaction-rules.js';
export {
  MAX_LINES,
  type PaymentMethod,
  paymentMethods,
  type PosLine,
  type PosPayment,
  type PosReturn,
  type PosSale,
  type PosTax,
  type PosTransaction,
  posReturnSchema,
  posSaleSchema,
  posTransactionSchema,
  receiptDeliveryChannels,
} from './transaction-schema.js';
export { type PosValidationResult, validatePosTransaction } from './validate-transaction.js';
