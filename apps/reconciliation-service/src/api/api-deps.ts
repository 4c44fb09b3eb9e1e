import type { ErasureOutcomes } from '@scontrino/db';
import { z } from 'zod';
import type { MarketingConsents } from '../clients/marketing-consents.js';
import type { PrivacyPeers } from '../clients/privacy-peers.js';
import type { TillQuality } from '../clients/till-quality.js';
import type { GraphDeps } from '../use-cases/linking/graph-deps.js';
import type { RfmCache } from '../use-cases/views/rfm-cache.js';

/** What the procedures and routes call into. */
export interface ApiDeps {
  graph: GraphDeps;
  rfm: RfmCache;
  /** Data-subject requests: the peers asked, and this service's own erasure counts. */
  privacy: { peers: PrivacyPeers; outcomes: ErasureOutcomes };
  /** Marketing consent behind identifier hashes (the loyalty service), for segment exports. */
  consents?: MarketingConsents;
  /** The receipt service's till data quality (the weekly audit report). */
  till?: TillQuality;
}

/** Who did it, for staff actions (staff roles and sign-in come later; the service token guards all for now). */
export const actorInput = z.string().min(1).max(100);
