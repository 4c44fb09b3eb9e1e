import {
  type IdentifierType,
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

/** A contact value the sender should know about, in the shape online orders already answer with. */
export interface ContactNote {
  type: IdentifierType;
  reason: string;
}

/** What became of a sale's contact values beyond "kept": ignored (not readable) or kept at a lower weight. */
export interface PosContactNotes {
  ignored: ContactNote[];
  lowerWeight: ContactNote[];
}

/**
 * Which of a till sale's customer values were ignored (they do not normalise: they find nobody) or
 * kept at a lower weight (a possible-but-not-valid phone), and why: what the till's 201 reports.
 */
export function posContactNotes(
  customer: PosCustomerFields | undefined,
  context: PosCustomerContext,
): PosContactNotes {
  const notes: PosContactNotes = { ignored: [], lowerWeight: [] };
  if (!customer) return notes;
  for (const type of identifierTypes) {
    if (type === 'device') continue;
    const raw = customer[posCustomerFieldOf[type]];
    if (raw === undefined) continue;
    const result = normaliseIdentifier(type, raw, {
      defaultCountry: context.country,
      shopId: context.tenantId,
    });
    if (!result.ok) notes.ignored.push({ type, reason: result.reason });
    else if (result.lowerWeight) notes.lowerWeight.push({ type, reason: result.lowerWeight.reason });
  }
  return notes;
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
