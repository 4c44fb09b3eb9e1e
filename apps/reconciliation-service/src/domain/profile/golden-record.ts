import type { IdentifierType } from '@scontrino/identity';
import { nameTrust, type ObservationKind } from '../observations/observation.js';

/** An identifier of the profile as the golden record weighs it. */
export interface SightedIdentifier {
  id: string;
  type: IdentifierType;
  value: string;
  verified: boolean;
  /** The last observation naming it; null when none is kept. */
  lastSeenAt: Date | null;
}

export interface NameSighting {
  name: string;
  kind: ObservationKind;
  at: Date;
}

export interface GoldenValue {
  value: string;
  verified: boolean;
  lastSeenAt: Date | null;
}

export interface GoldenRecord {
  email: GoldenValue | null;
  phone: GoldenValue | null;
  name: { value: string; source: ObservationKind; at: Date } | null;
}

const time = (date: Date | null) => date?.getTime() ?? -Infinity;

/** Proven beats unproven; then the most recently seen; then the id, so the answer is stable. */
function best(identifiers: readonly SightedIdentifier[], type: IdentifierType): GoldenValue | null {
  const candidates = identifiers.filter((identifier) => identifier.type === type);
  candidates.sort(
    (x, y) =>
      Number(y.verified) - Number(x.verified) ||
      time(y.lastSeenAt) - time(x.lastSeenAt) ||
      (x.id < y.id ? -1 : 1),
  );
  const chosen = candidates[0];
  return chosen ? { value: chosen.value, verified: chosen.verified, lastSeenAt: chosen.lastSeenAt } : null;
}

/**
 * Survivorship: the e-mail and phone the customer proved most recently (an unproven one only
 * when none is proven), and the name from the most trusted source (an explicit identify call,
 * then a web order, then a claim), the most recent among equals.
 */
export function goldenRecord(
  identifiers: readonly SightedIdentifier[],
  names: readonly NameSighting[],
): GoldenRecord {
  const name = [...names].sort(
    (x, y) => nameTrust[y.kind] - nameTrust[x.kind] || y.at.getTime() - x.at.getTime(),
  )[0];
  return {
    email: best(identifiers, 'email'),
    phone: best(identifiers, 'phone'),
    name: name ? { value: name.name, source: name.kind, at: name.at } : null,
  };
}
