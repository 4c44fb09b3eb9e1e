import { AppError } from '@scontrino/errors';
import type { GraphDeps } from '../linking/graph-deps.js';
import { customerView, type CustomerView, type ViewDeps } from '../views/customer-view.js';

/** Everything held about a person, in one JSON document (the right of access). */
export interface PrivacyExport {
  exportedAt: Date;
  profile: CustomerView;
  observations: {
    observationId: string;
    kind: string;
    channel: string;
    at: Date;
    storeId: string | null;
    shopId: string | null;
    purchase: { amount: number; currency: string; at: Date } | null;
    name: string | null;
    identifiers: { type: string; value: string | null }[];
  }[];
  history: {
    merges: { mergeId: string; survivorId: string; absorbedIds: string[]; rule: string; at: Date }[];
    unmerges: { unmergeId: string; fromProfileId: string; rule: string; at: Date }[];
  };
}

export async function exportProfile(
  deps: Pick<GraphDeps, 'store' | 'crypto' | 'clock'> & ViewDeps,
  tenantId: string,
  profileId: string,
): Promise<PrivacyExport> {
  const { store, crypto } = deps;
  const view = await customerView(deps, tenantId, profileId);
  const profile = view && (await store.profiles.get(view.profileId));
  if (!view || !profile)
    throw new AppError('profile.not_found', 'No such profile for this tenant', { kind: 'not_found' });
  const values = new Map(view.identifiers.map((i) => [`${i.type}:${i.hash}`, i.value]));
  const observations = await store.observations.naming(profile.identifierIds);
  const history = await store.records.historyOf(tenantId, profile._id);
  return {
    exportedAt: deps.clock(),
    profile: view,
    observations: observations.map((o) => ({
      observationId: o.observationId,
      kind: o.kind,
      channel: o.channel,
      at: o.at,
      storeId: o.storeId,
      shopId: o.shopId,
      purchase: o.purchase && { amount: o.purchase.amount, currency: o.purchase.currency, at: o.purchase.at },
      name: o.nameSealed ? crypto.openName(o.nameSealed) : null,
      // Identifiers of other people seen on the same sale are not theirs to read.
      identifiers: o.identifiers.map((i) => ({
        type: i.type,
        value: values.get(`${i.type}:${i.hash}`) ?? null,
      })),
    })),
    history: {
      merges: history.merges.map((m) => ({
        mergeId: m._id,
        survivorId: m.survivorId,
        absorbedIds: m.absorbedIds,
        rule: m.reason.rule,
        at: m.mergedAt,
      })),
      unmerges: history.unmerges.map((u) => ({
        unmergeId: u._id,
        fromProfileId: u.fromProfileId,
        rule: u.reason.rule,
        at: u.unmergedAt,
      })),
    },
  };
}
