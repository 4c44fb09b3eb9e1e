import { reconciliationService } from './api.js';

export const searchKinds = ['email', 'card', 'phone', 'profileId'] as const;
export type SearchKind = (typeof searchKinds)[number];

export interface CustomerQuery {
  kind: SearchKind;
  value: string;
}

/**
 * The profile an identifier leads to now (the reconciliation service hashes the value; nothing
 * is looked up in clear), or the profile id typed; null when none.
 */
export async function profileIdOf(tenantId: string, query: CustomerQuery): Promise<string | null> {
  const value = query.value.trim();
  if (query.kind === 'profileId') return value === '' ? null : value;
  const found = await reconciliationService.profiles.resolve.query({
    tenantId,
    type: query.kind,
    value,
    // A phone typed without its prefix is an Italian one (the stores' country).
    ...(query.kind === 'phone' && { country: 'IT' }),
  });
  return found?.profileId ?? null;
}
