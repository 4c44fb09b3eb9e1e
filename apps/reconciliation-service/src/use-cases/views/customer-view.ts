import { maskIdentifier, type IdentifierType } from '@scontrino/identity';
import { channelFigures, type ChannelFigures } from '../../domain/profile/channel-figures.js';
import { goldenRecord, type GoldenRecord, type NameSighting } from '../../domain/profile/golden-record.js';
import { rfmScores, type RfmScores } from '../../domain/profile/rfm.js';
import type { ObservationChannel, ObservationKind } from '../../domain/observations/observation.js';
import type { GraphStore } from '../../store/graph-store.js';
import type { IdentityCrypto } from '../../store/identity-crypto.js';
import type { RfmCache } from './rfm-cache.js';

export interface ViewIdentifier {
  type: IdentifierType;
  hash: string;
  /** In clear: for the data subject's own export and `profiles.reveal` only, never `profiles.get`. */
  value: string;
  masked: string;
  verified: boolean;
  firstSeenAt: Date;
  lastSeenAt: Date | null;
  /** The channels it was seen in. */
  sources: ObservationChannel[];
}

export interface TimelineEntry {
  observationId: string;
  kind: ObservationKind;
  channel: ObservationChannel;
  at: Date;
  storeId: string | null;
  shopId: string | null;
  pickupStoreId: string | null;
  amount: number | null;
  currency: string | null;
  identifiers: { type: IdentifierType; masked: string }[];
}

/**
 * The single customer view: golden record, identifiers and sources, household, timeline, figures,
 * with the identifiers and the name in clear. Staff see it through `staffCustomerView`, masked;
 * only the data subject's export carries it whole.
 */
export interface CustomerView {
  profileId: string;
  /** The id asked for, when it was absorbed by this profile. */
  requestedId: string;
  createdAt: Date;
  updatedAt: Date;
  golden: GoldenRecord;
  identifiers: ViewIdentifier[];
  household: {
    householdId: string;
    profileIds: string[];
    shared: { type: IdentifierType; hash: string; masked: string }[];
  } | null;
  timeline: TimelineEntry[];
  figures: ChannelFigures & { rfm: RfmScores | null };
}

export interface ViewDeps {
  store: GraphStore;
  crypto: IdentityCrypto;
  rfm: RfmCache;
  clock: () => Date;
}

/** Builds the view of a live profile (an absorbed id leads to its survivor); null when unknown or erased. */
export async function customerView(
  deps: ViewDeps,
  tenantId: string,
  profileId: string,
): Promise<CustomerView | null> {
  const { store, crypto } = deps;
  const profile = await store.profiles.resolveLive(profileId);
  if (!profile || profile.tenantId !== tenantId) return null;
  const documents = [...(await store.identifiers.load(profile.identifierIds)).values()];
  // Newest first: those naming one of its identifiers, one indexed look-up per identifier.
  const observations = await store.observations.naming(profile.identifierIds);
  const valueOf = new Map(documents.map((d) => [d._id, crypto.openValue(d.type, d.sealed)]));
  // Once per identifier: the timeline names the same ones again and again.
  const maskOf = new Map(
    documents.map((d) => [d._id, maskIdentifier({ type: d.type, value: valueOf.get(d._id) as string })]),
  );
  const masked = (id: string) => maskOf.get(id) ?? '••••';
  const identifiers: ViewIdentifier[] = documents.map((document) => {
    const seenIn = observations.filter((o) => o.identifiers.some((i) => i.id === document._id));
    return {
      type: document.type,
      hash: document.hash,
      value: valueOf.get(document._id) as string,
      masked: masked(document._id),
      verified: document.verified,
      firstSeenAt: document.firstSeenAt,
      lastSeenAt: seenIn[0]?.at ?? null,
      sources: [...new Set(seenIn.map((o) => o.channel))],
    };
  });
  const names: NameSighting[] = observations.flatMap((o) =>
    o.nameSealed ? [{ name: crypto.openName(o.nameSealed), kind: o.kind, at: o.at }] : [],
  );
  const household = profile.householdId ? await store.profiles.getHousehold(profile.householdId) : null;
  const sharedDocuments = await store.identifiers.load(household?.sharedIdentifierIds ?? []);
  const figures = channelFigures(observations, deps.clock());
  const cutoffs = await deps.rfm.cutoffs(tenantId);
  return {
    profileId: profile._id,
    requestedId: profileId,
    createdAt: profile.createdAt,
    updatedAt: profile.updatedAt,
    golden: goldenRecord(
      identifiers.map((i, n) => ({ ...i, id: documents[n]?._id as string })),
      names,
    ),
    identifiers,
    household: household && {
      householdId: household._id,
      profileIds: household.profileIds,
      shared: [...sharedDocuments.values()].map((d) => ({
        type: d.type,
        hash: d.hash,
        masked: maskIdentifier({ type: d.type, value: crypto.openValue(d.type, d.sealed) }),
      })),
    },
    timeline: observations.slice(0, 200).map((o) => ({
      observationId: o.observationId,
      kind: o.kind,
      channel: o.channel,
      at: o.at,
      storeId: o.storeId,
      shopId: o.shopId,
      pickupStoreId: o.pickupStoreId,
      amount: o.purchase?.amount ?? null,
      currency: o.purchase?.currency ?? null,
      identifiers: o.identifiers.map((i) => ({ type: i.type, masked: masked(i.id) })),
    })),
    figures: {
      ...figures,
      rfm: rfmScores(
        {
          daysSinceLastPurchase: figures.daysSinceLastPurchase ?? 0,
          purchases: figures.purchases,
          spend: figures.spend,
        },
        cutoffs,
      ),
    },
  };
}
