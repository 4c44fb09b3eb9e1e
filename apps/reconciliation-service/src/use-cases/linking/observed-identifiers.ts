import type { SealedIdentifier } from '@scontrino/contracts';
import { type IdentifierType, normaliseIdentifier, type NormaliseOptions } from '@scontrino/identity';
import { identifierIdOf } from '../../domain/ids.js';
import type { ObservedIdentifier } from '../../domain/observations/observation.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';

/** A normalised value as an observation keeps it: hashed with the shared key, sealed under ours. */
export function observedIdentifier(
  crypto: IdentityCrypto,
  tenantId: string,
  identifier: { type: IdentifierType; value: string },
  extra: { verified?: boolean; country?: string | null } = {},
): ObservedIdentifier {
  const hash = crypto.lookupHash(identifier.type, identifier.value);
  return {
    id: identifierIdOf(tenantId, identifier.type, hash),
    type: identifier.type,
    hash,
    verified: extra.verified ?? false,
    sealed: crypto.sealValue(identifier.type, identifier.value),
    country: extra.country ?? null,
  };
}

/** An event's sealed identifier (already normalised by its publisher), opened and sealed again under ours. */
export function observedFromEvent(
  crypto: IdentityCrypto,
  tenantId: string,
  sealed: SealedIdentifier,
  verified = false,
): ObservedIdentifier {
  const value = crypto.openEventValue(sealed.type, sealed.sealed);
  return observedIdentifier(crypto, tenantId, { type: sealed.type, value }, { verified });
}

export interface RawIdentifier {
  type: IdentifierType;
  value: string;
  verified?: boolean | undefined;
  country?: string | undefined;
}

export interface IgnoredIdentifier {
  type: IdentifierType;
  reason: string;
}

/** Raw values from an API caller, normalised; a value that does not normalise is reported, not guessed. */
export function observedFromRaw(
  crypto: IdentityCrypto,
  tenantId: string,
  raws: readonly RawIdentifier[],
  options: NormaliseOptions,
): { observed: ObservedIdentifier[]; ignored: IgnoredIdentifier[] } {
  const observed: ObservedIdentifier[] = [];
  const ignored: IgnoredIdentifier[] = [];
  for (const raw of raws) {
    const country = raw.country ?? options.defaultCountry;
    const result = normaliseIdentifier(raw.type, raw.value, { ...options, defaultCountry: country });
    if (!result.ok) {
      ignored.push({ type: raw.type, reason: result.reason });
      continue;
    }
    observed.push(
      observedIdentifier(crypto, tenantId, result.identifier, {
        verified: raw.verified ?? false,
        country: raw.type === 'phone' ? (country?.toUpperCase() ?? null) : null,
      }),
    );
  }
  return { observed, ignored };
}
