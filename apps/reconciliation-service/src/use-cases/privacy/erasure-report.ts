import type { ErasureOutcomes } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { type PrivacyPeers, privacyPeerNames } from '../../clients/privacy-peers.js';
import type { GraphDeps } from '../linking/graph-deps.js';

/** What one service did for an erasure: `done` with counts, `pending` (event not handled yet), or `unreachable`. */
export interface ServiceErasure {
  service: 'reconciliation-service' | (typeof privacyPeerNames)[number];
  status: 'done' | 'pending' | 'unreachable';
  counts: Record<string, number>;
  completedAt: Date | string | null;
}

export interface ErasureReport {
  erasureId: string;
  tenantId: string;
  profileId: string;
  actor: string | null;
  erasedAt: Date;
  services: ServiceErasure[];
}

/**
 * After `privacy.erase`: what each service erased, per collection. The peers record their counts
 * when they handle `customer.erased`; one that is down is reported `unreachable`, not failed, so
 * the report still says what the others did.
 */
export async function erasureReport(
  deps: Pick<GraphDeps, 'store'> & { peers: PrivacyPeers; outcomes: ErasureOutcomes },
  tenantId: string,
  erasureId: string,
): Promise<ErasureReport> {
  const erasure = await deps.store.records.getErasure(erasureId);
  if (!erasure || erasure.tenantId !== tenantId)
    throw new AppError('privacy.erasure_not_found', 'No such erasure for this tenant', { kind: 'not_found' });
  const own = await deps.outcomes.get(tenantId, erasureId);
  const peers = await Promise.all(
    privacyPeerNames.map(async (service): Promise<ServiceErasure> => {
      try {
        const outcome = await deps.peers.erasureOutcome(service, { tenantId, erasureId });
        return outcome
          ? { service, status: outcome.completedAt ? 'done' : 'pending', ...outcome }
          : { service, status: 'pending', counts: {}, completedAt: null };
      } catch {
        return { service, status: 'unreachable', counts: {}, completedAt: null };
      }
    }),
  );
  return {
    erasureId,
    tenantId,
    profileId: erasure.profileId,
    actor: erasure.actor,
    erasedAt: erasure.erasedAt,
    services: [
      {
        service: 'reconciliation-service',
        status: own?.completedAt ? 'done' : 'pending',
        counts: own?.counts ?? {},
        completedAt: own?.completedAt ?? null,
      },
      ...peers,
    ],
  };
}
