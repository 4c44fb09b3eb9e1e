import { identifierTypes, type IdentifierType } from '@scontrino/identity';
import type { CustomerView } from './customer-view.js';

/** What `profiles.reveal` may show in clear: an identifier type, or the name. */
export const revealFields = [...identifierTypes, 'name'] as const;
export type RevealField = (typeof revealFields)[number];

/** The clear values of one profile that a reveal asked for, beside the hashes `profiles.get` shows. */
export interface RevealedProfile {
  profileId: string;
  requestedId: string;
  fields: RevealField[];
  identifiers: { type: IdentifierType; hash: string; value: string; verified: boolean }[];
  /** The golden record's name, when `name` was asked for (null when none is known). */
  name?: string | null;
}

/** Keeps of a customer view only the fields asked for, in clear. */
export function revealedProfile(view: CustomerView, fields: readonly RevealField[]): RevealedProfile {
  const asked = new Set(fields);
  return {
    profileId: view.profileId,
    requestedId: view.requestedId,
    fields: revealFields.filter((field) => asked.has(field)),
    identifiers: view.identifiers
      .filter((identifier) => asked.has(identifier.type))
      .map(({ type, hash, value, verified }) => ({ type, hash, value, verified })),
    ...(asked.has('name') && { name: view.golden.name?.value ?? null }),
  };
}
