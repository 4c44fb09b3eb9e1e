import { suggestionIdOf } from '../../domain/ids.js';
import { AUTO_MERGE_ACTOR, type MatchDecision } from '../../domain/suggestions/match-model.js';
import type { SuggestionDocument } from '../../store/staff-models.js';
import type { GraphDeps } from './graph-deps.js';
import { recomputeComponent } from './recompute.js';
import type { TenantConfig } from './tenant-config.js';

export { suggestionIdOf };

/**
 * Acts on a scored pair (the caller holds the tenant's graph lock): at or above the high
 * threshold, a must-link by `auto-merge` (its note says the probability and why), an entry in
 * the audit log (action `suggestions.autoMerge`), and the component recomputed, so the profiles merge with `profiles.merged` under the rule
 * `auto-merge`, and the pair is filed as `merged` (`suggestions.reject` undoes it with a
 * never-link: `profiles.unmerged`); between the thresholds, an open suggestion. `once`: a pair
 * already filed stays as it is (linking); `rescore`: an open pair takes the new score (a run of
 * the estimate).
 */
export async function fileMatch(
  deps: Pick<GraphDeps, 'store' | 'clock' | 'onEvents' | 'audit'>,
  config: TenantConfig,
  tenantId: string,
  x: string,
  y: string,
  decision: MatchDecision,
  mode: 'once' | 'rescore',
): Promise<'merged' | 'suggested' | 'none'> {
  if (decision.kind === 'none') return 'none';
  const { store } = deps;
  const [a, b] = x < y ? [x, y] : [y, x];
  const at = deps.clock();
  const suggestion: SuggestionDocument = {
    _id: suggestionIdOf(a, b),
    tenantId,
    a,
    b,
    score: Math.round(decision.score.probability * 1e6) / 1e6,
    reasons: decision.reasons,
    status: 'open',
    createdAt: at,
    decidedAt: null,
    actor: null,
  };
  if (decision.kind === 'review') {
    await (mode === 'once' ? store.staff.suggest(suggestion) : store.staff.putSuggestion(suggestion));
    return 'suggested';
  }
  const overrideId = `ml:${a}~${b}`;
  // Filed before the recompute, and over an open suggestion of the pair: the merge closes it as
  // `merged` (the recompute's own closing of pairs joined then leaves it as it is).
  const merged = { ...suggestion, status: 'merged' as const, decidedAt: at, actor: AUTO_MERGE_ACTOR };
  await store.staff.putSuggestion(merged);
  await store.staff.addOverride({
    _id: overrideId,
    tenantId,
    kind: 'must-link',
    a,
    b,
    actor: AUTO_MERGE_ACTOR,
    note: `probability ${suggestion.score}: ${decision.reasons.join('; ')}`,
    at,
  });
  await store.identifiers.addOverride(a, overrideId);
  await store.identifiers.addOverride(b, overrideId);
  await recomputeComponent(deps, [a, b], config.graph, {
    id: overrideId,
    tenantId,
    actor: AUTO_MERGE_ACTOR,
    splitRule: 'must-link',
    mustLinkRule: 'auto-merge',
    at,
  });
  await deps.audit?.record({
    at,
    actor: { subject: AUTO_MERGE_ACTOR, name: 'match model', roles: [] },
    action: 'suggestions.autoMerge',
    kind: 'change',
    tenantId,
    target: { tenantId, suggestionId: suggestion._id, overrideId },
    reason: `probability ${suggestion.score}: ${decision.reasons.join('; ')}`,
    outcome: 'ok',
    errorCode: null,
    requestId: overrideId,
  });
  return 'merged';
}
