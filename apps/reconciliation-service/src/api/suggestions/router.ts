import { maskIdentifier } from '@scontrino/identity';
import { AppError } from '@scontrino/errors';
import { actorOf, requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { parseIdentifierId } from '../../domain/ids.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { estimateAndRescore } from '../../use-cases/linking/estimate-match-model.js';
import { overridePair } from '../../use-cases/linking/staff-actions.js';
import type { SuggestionDocument } from '../../store/staff-models.js';
import { curationReason, staffActionOutput } from '../staff/staff-output.js';

/** One identifier of the pair: masked, with its hash for the overrides and its profile. */
const side = z.object({
  type: z.string(),
  hash: z.string(),
  masked: z.string(),
  profileId: z.string().nullable(),
});
export const suggestionListOutput = z.object({
  suggestions: z.array(
    z.object({
      suggestionId: z.string(),
      status: z.enum(['open', 'merged', 'accepted', 'rejected']),
      score: z.number(),
      reasons: z.array(z.string()),
      a: side,
      b: side,
    }),
  ),
  /** Pass as `cursor` for the next page; null on the last page. */
  nextCursor: z.string().nullable(),
});

/** A page boundary: the last suggestion shown (score, id), opaque to callers. */
const cursorOf = (s: { score: number; _id: string }) =>
  Buffer.from(JSON.stringify([s.score, s._id])).toString('base64url');
const cursorSchema = z
  .string()
  .max(1000)
  .transform((cursor, ctx) => {
    try {
      const parsed = z
        .tuple([z.number(), z.string().min(1)])
        .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
      return { score: parsed[0], id: parsed[1] };
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Not a cursor from a previous page' });
      return z.NEVER;
    }
  });
const listInput = z.object({
  tenantId: tenantIdSchema,
  /** `open`: the review queue; `merged`: what the model merged on its own (reject undoes one). */
  status: z.enum(['open', 'merged', 'accepted', 'rejected']).default('open'),
  limit: z.number().int().min(1).max(200).default(50),
  cursor: cursorSchema.optional(),
});
const probabilities = z.record(z.string(), z.record(z.string(), z.number()));
export const estimateOutput = z.object({
  model: z.object({
    lambda: z.object({ email: z.number(), phone: z.number() }),
    m: probabilities,
    u: probabilities,
    thresholds: z.object({ review: z.number(), autoMerge: z.number() }),
    basis: z.object({ matchedPairs: z.number(), randomPairs: z.number() }).nullable(),
  }),
  /** Candidate pairs across profiles scored, and what came of them. */
  scored: z.number().int(),
  merged: z.number().int(),
  suggested: z.number().int(),
  heldAsNamesakes: z.number().int(),
});
const decideInput = z.object({
  tenantId: tenantIdSchema,
  suggestionId: z.string().min(1).max(400),
  /** Why the reviewer decided so: kept in the audit log. */
  reason: curationReason,
});

/**
 * `suggestions.list` (paged) / `accept` (a must-link: the profiles merge) / `reject` (a
 * never-link; on an automatic merge it undoes it) / `estimate` (the match model from the data,
 * then every candidate pair scored again).
 */
export function createSuggestionsRouter(graph: GraphDeps) {
  const { store, crypto } = graph;
  const open = async (
    tenantId: string,
    suggestionId: string,
    decidable: readonly SuggestionDocument['status'][],
  ) => {
    const suggestion = await store.staff.getSuggestion(suggestionId);
    if (!suggestion || suggestion.tenantId !== tenantId || !decidable.includes(suggestion.status)) {
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
        // An automatic merge can be undone (rejected), not accepted again.
        const decidable = kind === 'never-link' ? (['open', 'merged'] as const) : (['open'] as const);
        const suggestion = await open(input.tenantId, input.suggestionId, decidable);
        const result = await overridePair(graph, input.tenantId, kind, suggestion, actor);
        const status = kind === 'must-link' ? 'accepted' : 'rejected';
        await store.staff.decideSuggestion(suggestion._id, status, actor, graph.clock());
        return result;
      });
  return router({
    list: staffProcedure('identity.curate', { audit: 'read' })
      .input(listInput)
      .output(suggestionListOutput)
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const page = await store.staff.suggestionsPage(
          input.tenantId,
          input.status,
          input.limit + 1,
          input.cursor ?? null,
        );
        const suggestions = page.slice(0, input.limit);
        const last = suggestions.at(-1);
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
          nextCursor: page.length > input.limit && last ? cursorOf(last) : null,
          suggestions: suggestions.map((s) => ({
            suggestionId: s._id,
            status: s.status,
            score: s.score,
            reasons: s.reasons,
            a: show(s.a),
            b: show(s.b),
          })),
        };
      }),
    accept: decide('must-link'),
    reject: decide('never-link'),
    estimate: staffProcedure('identity.curate')
      .input(z.object({ tenantId: tenantIdSchema }))
      .output(estimateOutput)
      .mutation(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        return await estimateAndRescore(graph, input.tenantId);
      }),
  });
}
