import { AppError } from '@scontrino/errors';
import type { ProfilesResult } from '../../domain/graph/types.js';
import { linkIdOf, parseIdentifierId, parseLinkId } from '../../domain/ids.js';
import type { IdentifierDocument } from '../../store/identifier-model.js';
import type { GraphDeps } from './graph-deps.js';
import { recomputeComponent } from './recompute.js';
import { tenantConfig } from './tenant-config.js';

export interface StaffActionResult {
  /** The profiles now holding the identifiers the action named. */
  profiles: { profileId: string; identifiers: { type: string; hash: string }[] }[];
  merged: number;
  split: number;
}

function outcome(result: ProfilesResult, named: readonly string[]): StaffActionResult {
  const profiles = result.profiles
    .filter((profile) => profile.identifierIds.some((id) => named.includes(id)))
    .map((profile) => ({
      profileId: profile.profileId,
      identifiers: profile.identifierIds.flatMap((id) => {
        const parsed = parseIdentifierId(id);
        return parsed ? [{ type: parsed.type, hash: parsed.hash }] : [];
      }),
    }));
  return { profiles, merged: result.merges.length, split: result.splits.length };
}

async function known(deps: GraphDeps, tenantId: string, id: string): Promise<IdentifierDocument> {
  const document = await deps.store.identifiers.get(id);
  if (!document || document.tenantId !== tenantId) {
    throw new AppError('identifier.not_found', 'No such identifier for this tenant', { kind: 'not_found' });
  }
  return document;
}

async function recompute(
  deps: GraphDeps,
  tenantId: string,
  seeds: string[],
  id: string,
  rule: string,
  actor: string,
) {
  const { graph } = await tenantConfig(deps.store.staff, deps.defaults, tenantId);
  return recomputeComponent(deps, seeds, graph, { id, tenantId, actor, splitRule: rule, at: deps.clock() });
}

/** Cuts a link for good (no later observation restores it) and splits what it alone held together. */
export function cutLink(
  deps: GraphDeps,
  tenantId: string,
  linkId: string,
  actor: string,
): Promise<StaffActionResult> {
  return deps.lock.run(tenantId, async () => {
    const ends = parseLinkId(linkId);
    if (!ends)
      throw new AppError('link.invalid', 'Not a link id (lnk:<a>~<b>)', {
        kind: 'invalid',
        issues: [{ path: 'linkId', code: 'invalid_link', message: 'not a link id (lnk:<a>~<b>)' }],
      });
    const a = await known(deps, tenantId, ends.a);
    await known(deps, tenantId, ends.b);
    if (!a.links.some((link) => link.to === ends.b) || linkIdOf(ends.a, ends.b) !== linkId) {
      throw new AppError('link.not_found', 'These identifiers were never seen together', {
        kind: 'not_found',
      });
    }
    await deps.store.identifiers.addCut(ends.a, linkId);
    await deps.store.identifiers.addCut(ends.b, linkId);
    const result = await recompute(deps, tenantId, [ends.a, ends.b], `cut:${linkId}`, 'link-cut', actor);
    return outcome(result, [ends.a, ends.b]);
  });
}

/** Takes an identifier out of the graph: it stays on its observations but links nothing. */
export function quarantineIdentifier(
  deps: GraphDeps,
  tenantId: string,
  identifierId: string,
  actor: string,
): Promise<StaffActionResult> {
  return deps.lock.run(tenantId, async () => {
    const document = await known(deps, tenantId, identifierId);
    const profile = document.profileId ? await deps.store.profiles.get(document.profileId) : null;
    const seeds = [...document.links.map((link) => link.to), ...(profile?.identifierIds ?? [])].filter(
      (id) => id !== identifierId,
    );
    const quarantine = { reason: 'staff' as const, at: deps.clock(), actor, profilesJoined: null };
    await deps.store.identifiers.quarantine(identifierId, quarantine);
    await deps.store.staff.reportQuarantine({
      _id: identifierId,
      tenantId,
      type: document.type,
      ...quarantine,
    });
    const result = await recompute(
      deps,
      tenantId,
      [identifierId, ...seeds],
      `quarantine:${identifierId}`,
      'quarantine',
      actor,
    );
    return outcome(result, seeds);
  });
}

/** A staff decision on a pair: never in one profile, or always (whatever the rules say). */
export function overridePair(
  deps: GraphDeps,
  tenantId: string,
  kind: 'never-link' | 'must-link',
  pair: { a: string; b: string; note?: string | undefined },
  actor: string,
): Promise<StaffActionResult> {
  return deps.lock.run(tenantId, async () => {
    if (pair.a === pair.b)
      throw new AppError('override.same', 'Name two different identifiers', { kind: 'invalid' });
    const ends = [await known(deps, tenantId, pair.a), await known(deps, tenantId, pair.b)];
    const [a, b] = pair.a < pair.b ? [pair.a, pair.b] : [pair.b, pair.a];
    const overrideId = `${kind === 'never-link' ? 'nl' : 'ml'}:${a}~${b}`;
    const opposite = `${kind === 'never-link' ? 'ml' : 'nl'}:${a}~${b}`;
    for (const end of ends) {
      if (end.overrideIds.includes(opposite)) {
        await deps.store.identifiers.replaceOverrides(
          end._id,
          end.overrideIds.filter((id) => id !== opposite),
        );
      }
    }
    await deps.store.staff.addOverride({
      _id: overrideId,
      tenantId,
      kind,
      a,
      b,
      actor,
      note: pair.note ?? null,
      at: deps.clock(),
    });
    await deps.store.identifiers.addOverride(a, overrideId);
    await deps.store.identifiers.addOverride(b, overrideId);
    const result = await recompute(deps, tenantId, [a, b], overrideId, kind, actor);
    return outcome(result, [a, b]);
  });
}
