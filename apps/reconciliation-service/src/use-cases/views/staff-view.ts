import { type IdentifierType, maskName } from '@scontrino/identity';
import type { ObservationKind } from '../../domain/observations/observation.js';
import type { CustomerView, ViewIdentifier } from './customer-view.js';

/** An identifier as staff see it: the hash that names it in every curation call, and a mask. */
export type StaffIdentifier = Omit<ViewIdentifier, 'value'>;

export interface StaffGoldenValue {
  type: IdentifierType;
  hash: string;
  masked: string;
  verified: boolean;
  lastSeenAt: Date | null;
}

/**
 * `profiles.get`: the customer view with every value masked (`m•••o@e•••.it`, the name as
 * initials) and each identifier's hash, which `links.cut`, `overrides.*` and
 * `identifiers.quarantine` take. Clear values come from `profiles.reveal` only.
 */
export interface StaffCustomerView extends Omit<CustomerView, 'golden' | 'identifiers'> {
  golden: {
    email: StaffGoldenValue | null;
    phone: StaffGoldenValue | null;
    name: { initials: string; source: ObservationKind; at: Date } | null;
  };
  identifiers: StaffIdentifier[];
}

/** The masked view of a customer view: plain data in, plain data out, no value in clear left. */
export function staffCustomerView(view: CustomerView): StaffCustomerView {
  const golden = (type: 'email' | 'phone'): StaffGoldenValue | null => {
    const chosen = view.golden[type];
    const identifier = chosen && view.identifiers.find((i) => i.type === type && i.value === chosen.value);
    if (!chosen || !identifier) return null;
    return {
      type,
      hash: identifier.hash,
      masked: identifier.masked,
      verified: chosen.verified,
      lastSeenAt: chosen.lastSeenAt,
    };
  };
  const { golden: _golden, identifiers, ...rest } = view;
  return {
    ...rest,
    golden: {
      email: golden('email'),
      phone: golden('phone'),
      name: view.golden.name && {
        initials: maskName(view.golden.name.value),
        source: view.golden.name.source,
        at: view.golden.name.at,
      },
    },
    identifiers: identifiers.map(({ value: _clear, ...identifier }) => identifier),
  };
}
