import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ProgramVersions } from '../../store/program-versions.js';
import { programVersionView, tenantIdSchema, toView } from './program-schemas.js';

export const programHistoryInput = z.object({
  tenantId: tenantIdSchema,
  limit: z.number().int().min(1).max(500).default(50),
});

/** `program.history`: every activation with its author, note and time, newest first. */
export function programHistoryProcedure(programs: ProgramVersions) {
  return staffProcedure('program.read')
    .input(programHistoryInput)
    .output(z.array(programVersionView))
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      return (await programs.history(input.tenantId)).slice(0, input.limit).map(toView);
    });
}
