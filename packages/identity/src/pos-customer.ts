import {
  identifierTypes,
  posCustomerFieldOf,
  type Identifier,
  type PosCustomerFields,
} from './identifier-types.js';
import { normaliseIdentifier } from './normalise.js';

export interface PosCustomerContext {
  /** The store's country, for phone numbers typed without prefix. */
  country: string;
  /** The retailer: a POS's `ecommerceCustomerId` is an account of the retailer's own web shop. */
  tenantId: string;
}

/**
 * The identifiers a till sale names, normalised. A value that does not normalise (a phone that is
 * no phone number) is dropped rather than guessed: it would otherwise match nobody, or the wrong one.
 */
export function posCustomerIdentifiers(
  customer: PosCustomerFields | undefined,
  context: PosCustomerContext,
): Identifier[] {
  if (!customer) return [];
  const found: Identifier[] = [];
  for (const type of identifierTypes) {
    if (type === 'device') continue;
    const raw = customer[posCustomerFieldOf[type]];
    if (raw === undefined) continue;
    const result = normaliseIdentifier(type, raw, {
      defaultCountry: context.country,
      shopId: context.tenantId,
    });
    if (result.ok) found.push(result.identifier);
  }
  return found;
}
