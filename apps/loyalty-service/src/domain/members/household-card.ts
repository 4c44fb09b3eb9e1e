import type { HouseholdBalance } from '../program/program-config.js';

/** An identifier a till sale carries, as loyalty looks members up by it. */
export interface SaleIdentifier {
  type: string;
  hash: string;
}

/**
 * In which order a till sale's identifiers name the member who earns on it. A sale earns only
 * when it names a card. `shared`: the card's holder, whoever showed it. `perPerson`: the member
 * whose own e-mail the sale names, if any (a family member with the household's card), else the
 * card's holder.
 */
export function earningCandidates(
  identifiers: readonly SaleIdentifier[],
  balance: HouseholdBalance,
): SaleIdentifier[] {
  const cards = identifiers.filter(({ type }) => type === 'card');
  if (cards.length === 0) return [];
  const emails = balance === 'perPerson' ? identifiers.filter(({ type }) => type === 'email') : [];
  return [...emails, ...cards];
}
