import { randomId } from '@scontrino/crypto';

/** What an id names: a member, a hold on points at the till, a sign-in code request. */
export type IdPrefix = 'mbr' | 'hold' | 'sgn' | 'adj';

/** A new id that says what it is (`mbr_…`): 128 random bits, so ids cannot be guessed. */
export function newId(prefix: IdPrefix): string {
  return randomId(prefix);
}

export function hasPrefix(id: string, prefix: IdPrefix): boolean {
  return new RegExp(`^${prefix}_[a-z2-7]{26}$`).test(id);
}
