import { maskIdentifier } from '@scontrino/identity';
import { AppError } from '@scontrino/errors';
import { actorOf, requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { parseIdentifierId } from '../../domain/ids.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { overridePair } from '../../use-cases/linking/staff-actions.js';
import { staffActionOutput } from '../staff/staff-output.js';

/** One identifier of the pair: masked, with its hash for the overrides and its profile. */
const side = z.object({
  type: z.string(),
  hash: z.string(),
  masked: z.string(),
  profileId: z.string().nullable(),
});
export const suggestionListOutput = z.object({
  suggestions: z.array(
    z.object({ suggestionId: z.string(), score: z.number(), reasons: z.array(z.string()), a: side, b: side }),
  ),
});
const decideInput = z.object({
  tenantId: tenantIdSchema,
  suggestionId: z.string().min(1).max(400),
});

/** `suggestions.list` / `accept` (a must-link: the profiles merge) / `reject` (a never-link). */
export function createSuggestionsRouter(graph: GraphDeps) {
  const { store, crypto } = graph;
  const open = async (tenantId: string, suggestionId: string) => {
    const suggestion = await store.staff.getSuggestion(suggestionId);
    if (!suggestion || suggestion.tenantId !== tenantId || suggestion.status !== 'open') {
      throw new AppError('suggestion.not_found', 'No open suggestion with this id', { kind: 'not_found' });
    }
    return suggestion;
  };
  const decide = (kind: 'must-link' | 'never-link') =>
    staffProcedure('identity.curate')
      .input(decideInput)
      .output(staffActionOutput)
      .mutation(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const actor = actorOf(ctx.caller, 'service');
        const suggestion = await open(input.tenantId, input.suggestionId);
        const result = await overridePair(graph, input.tenantId, kind, suggestion, actor);
        const status = kind === 'must-link' ? 'accepted' : 'rejected';
        await store.staff.decideSuggestion(suggestion._id, status, actor, graph.clock());
        return result;
      });
  return router({
    list: staffProcedure('identity.curate', { audit: 'read' })
      .input(z.object({ tenantId: tenantIdSchema, limit: z.number().int().min(1).max(200).default(50) }))
      .output(suggestionListOutput)
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const suggestions = await store.staff.openSuggestions(input.tenantId, input.limit);
        const documents = await store.identifiers.load(suggestions.flatMap((s) => [s.a, s.b]));
        const show = (id: string) => {
          const d = documents.get(id);
          const parsed = parseIdentifierId(id);
          if (!d)
            return {
              type: parsed?.type ?? 'unknown',
              hash: parsed?.hash ?? '',
              masked: '••••',
              profileId: null,
            };
          const masked = maskIdentifier({ type: d.type, value: crypto.openValue(d.type, d.sealed) });
          return { type: d.type, hash: d.hash, masked, profileId: d.profileId };
        };
        return {
          suggestions: suggestions.map((s) => ({
            suggestionId: s._id,
            score: s.score,
            reasons: s.reasons,
            a: show(s.a),
            b: show(s.b),
          })),
        };
      }),
    accept: decide('must-link'),
    reject: decide('never-link'),
  });
}
