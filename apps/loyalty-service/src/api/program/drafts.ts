import { actorOf, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ProgramDraft, ProgramDrafts } from '../../store/program-drafts.js';
import { tenantIdSchema } from './program-schemas.js';

/** Larger than any program a brand writes by hand (the demo's is about 3 KB), small enough to stay one document. */
const MAX_DRAFT_CHARACTERS = 200_000;

export const programDraftView = z.object({
  tenantId: z.string(),
  text: z.string(),
  basedOnVersion: z.number().int().positive().nullable(),
  savedBy: z.string(),
  savedAt: z.iso.datetime(),
  revision: z.number().int().positive(),
});

const toDraftView = (draft: ProgramDraft): z.infer<typeof programDraftView> => ({
  ...draft,
  savedAt: draft.savedAt.toISOString(),
});

export const saveDraftInput = z.object({
  tenantId: tenantIdSchema,
  /** The configuration as typed: kept as text, so a draft half written can be saved and picked up later. */
  text: z.string().min(1).max(MAX_DRAFT_CHARACTERS),
  basedOnVersion: z.number().int().positive().nullable(),
  /** The revision the editor opened (0 for a new draft): a save over someone else's newer one is a 409. */
  expectedRevision: z.number().int().min(0),
});

export const discardDraftInput = z.object({
  tenantId: tenantIdSchema,
  expectedRevision: z.number().int().min(1),
});

/**
 * The brand's shared draft of its next program: `program.draft` reads it (anyone who reads the
 * program), `program.saveDraft` and `program.discardDraft` change it (`program.draft`: the CRM team
 * and admins). Publishing is still `program.activate`, for those allowed.
 */
export function programDraftProcedures(drafts: ProgramDrafts) {
  return {
    draft: staffProcedure('program.read')
      .input(z.object({ tenantId: tenantIdSchema }))
      .output(programDraftView.nullable())
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const draft = await drafts.get(input.tenantId);
        return draft ? toDraftView(draft) : null;
      }),
    saveDraft: staffProcedure('program.draft')
      .input(saveDraftInput)
      .output(programDraftView)
      .mutation(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const saved = await drafts.save(
          input.tenantId,
          { text: input.text, basedOnVersion: input.basedOnVersion, savedBy: actorOf(ctx.caller, 'system') },
          input.expectedRevision,
        );
        return toDraftView(saved);
      }),
    discardDraft: staffProcedure('program.draft')
      .input(discardDraftInput)
      .output(z.object({ discarded: z.literal(true) }))
      .mutation(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        await drafts.discard(input.tenantId, input.expectedRevision);
        return { discarded: true as const };
      }),
  };
}
