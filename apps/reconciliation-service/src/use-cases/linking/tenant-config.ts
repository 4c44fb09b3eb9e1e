import type { EmailRules } from '@scontrino/identity';
import { defaultGraphConfig } from '../../domain/graph/config.js';
import type { BlocklistEntry, GraphConfig } from '../../domain/graph/types.js';
import { defaultMatchModel, type MatchModel } from '../../domain/suggestions/match-model.js';
import type { StaffStore } from '../../store/staff.js';

/** What the service's environment sets for every tenant (env.ts `GRAPH_*`). */
export interface GraphDefaults {
  limits: GraphConfig['limits'];
  junkK: number;
  blocklist: readonly BlocklistEntry[];
}

export interface TenantConfig {
  graph: GraphConfig;
  email: EmailRules;
  /** How suggestions are scored: the tenant's estimated model, or the default one before any estimate. */
  match: MatchModel;
}

/** `email:noemail@*` → a prefix entry, `phone:+390612345678` → an exact value. */
export function parseBlocklistEntries(entries: readonly string[]): BlocklistEntry[] {
  return entries.flatMap((entry) => {
    const colon = entry.indexOf(':');
    const type = entry.slice(0, colon) as BlocklistEntry['type'];
    const value = entry.slice(colon + 1);
    if (colon < 1 || !value) return [];
    return [value.endsWith('*') ? { type, prefix: value.slice(0, -1) } : { type, value }];
  });
}

/** The built-in guards, under the environment's, under the tenant's own settings. */
export async function tenantConfig(
  staff: Pick<StaffStore, 'settings' | 'matchModel'>,
  defaults: GraphDefaults,
  tenantId: string,
): Promise<TenantConfig> {
  const [settings, estimated] = await Promise.all([staff.settings(tenantId), staff.matchModel(tenantId)]);
  const graph: GraphConfig = {
    ...defaultGraphConfig,
    limits: { ...defaultGraphConfig.limits, ...defaults.limits, ...settings?.limits },
    junkK: settings?.junkK ?? defaults.junkK,
    blocklist: [
      ...defaultGraphConfig.blocklist,
      ...defaults.blocklist,
      ...((settings?.blocklist ?? []) as BlocklistEntry[]),
    ],
  };
  const match: MatchModel = estimated ?? defaultMatchModel;
  return { graph, email: { gmailDots: false, plusTags: false, ...settings?.email }, match };
}
