import type { IdentifierRef } from '@scontrino/contracts';
import type {
  LoyaltySubjectExport,
  PrivacyPeers,
  ReceiptSubjectExport,
} from '../../clients/privacy-peers.js';
import type { GraphDeps } from '../linking/graph-deps.js';
import type { ViewDeps } from '../views/customer-view.js';
import { exportProfile, type PrivacyExport } from './export.js';

/** One service's part of an archive: its sections and how many records each holds. */
export interface ManifestEntry {
  service: 'reconciliation-service' | 'loyalty-service' | 'receipt-service';
  sections: { name: string; records: number }[];
}

/** A data-subject access request's answer: every service's data about the person, in one JSON. */
export interface PrivacyArchive {
  tenantId: string;
  profileId: string;
  exportedAt: Date;
  manifest: ManifestEntry[];
  services: {
    'reconciliation-service': PrivacyExport;
    'loyalty-service': LoyaltySubjectExport;
    'receipt-service': ReceiptSubjectExport;
  };
}

const count = (value: unknown) => (Array.isArray(value) ? value.length : value ? 1 : 0);

function manifestOf(service: ManifestEntry['service'], data: object): ManifestEntry {
  return {
    service,
    sections: Object.entries(data).map(([name, value]) => ({ name, records: count(value) })),
  };
}

/**
 * The reconciliation service's export of the profile, then each peer's export of the person its
 * identifiers name (keyed hashes only leave this service). A peer that fails fails the request
 * (503 naming it): an archive missing a service would look complete and not be.
 */
export async function exportArchive(
  deps: Pick<GraphDeps, 'store' | 'crypto' | 'clock'> & ViewDeps & { peers: PrivacyPeers },
  tenantId: string,
  profileId: string,
): Promise<PrivacyArchive> {
  const own = await exportProfile(deps, tenantId, profileId);
  const identifiers: IdentifierRef[] = own.profile.identifiers.map(({ type, hash }) => ({ type, hash }));
  const subject = { tenantId, profileId: own.profile.profileId, identifiers };
  const [loyalty, receipts] = await Promise.all([
    deps.peers.exportSubject('loyalty-service', subject),
    deps.peers.exportSubject('receipt-service', subject),
  ]);
  const { exportedAt: _exportedAt, ...ownSections } = own;
  return {
    tenantId,
    profileId: own.profile.profileId,
    exportedAt: deps.clock(),
    manifest: [
      manifestOf('reconciliation-service', ownSections),
      manifestOf('loyalty-service', loyalty),
      manifestOf('receipt-service', receipts),
    ],
    services: { 'reconciliation-service': own, 'loyalty-service': loyalty, 'receipt-service': receipts },
  };
}
