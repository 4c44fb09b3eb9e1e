import type { IdentifierType } from '@scontrino/identity';
import { defaultGraphConfig } from './config.js';
import type { GraphConfig, GraphIdentifier, GraphLink, LinkRule, RebuildInput } from './types.js';

/** Hand-made graphs for the rules' unit tests: identifiers named `card:1`, `email:ann`… */
export const idOf = (type: IdentifierType, name: string) => `t1:${type}:${name}`;

export function identifier(
  type: IdentifierType,
  name: string,
  extra: Partial<GraphIdentifier> = {},
): GraphIdentifier {
  return {
    id: idOf(type, name),
    type,
    hash: `${type}-${name}-hash-000000`,
    firstSeenAt: 0,
    verified: false,
    ...extra,
  };
}

export function linkOf(
  a: string,
  b: string,
  at: number,
  observationId: string,
  rule: LinkRule = 'till-sale',
): GraphLink {
  const [x, y] = a < b ? [a, b] : [b, a];
  return { id: `lnk:${x}~${y}`, a: x, b: y, observationId, at, rule };
}

/** The links of one observation: every pair of the identifiers seen together. */
export function observation(
  observationId: string,
  at: number,
  ids: string[],
  rule: LinkRule = 'till-sale',
): GraphLink[] {
  const links: GraphLink[] = [];
  ids.forEach((a, i) => ids.slice(i + 1).forEach((b) => links.push(linkOf(a, b, at, observationId, rule))));
  return links;
}

export function input(
  identifiers: GraphIdentifier[],
  links: GraphLink[],
  extra: Omit<Partial<RebuildInput>, 'config'> & { config?: Partial<GraphConfig> } = {},
): RebuildInput {
  let next = 0;
  return {
    identifiers,
    links,
    overrides: { neverLink: [], mustLink: [] },
    now: 1_000_000,
    newProfileId: () => `prf_new${(next += 1)}`,
    ...extra,
    config: { ...defaultGraphConfig, ...extra.config },
  };
}

/** The profiles as sorted lists of identifier ids, for readable assertions. */
export function groups(result: { profiles: { identifierIds: string[] }[] }): string[][] {
  return result.profiles
    .map((p) => [...p.identifierIds].sort())
    .sort((x, y) => (x[0] ?? '').localeCompare(y[0] ?? ''));
}
