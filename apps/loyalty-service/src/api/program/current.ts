import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ProgramVersions } from '../../store/program-versions.js';
import { programVersionView, tenantIdSchema, toView } from './program-schemas.js';

export const currentProgramInput = z.object({ tenantId: tenantIdSchema });

/** `program.current`: the tenant's program in force now; null before the first activation. */
export function currentProgramProcedure(programs: ProgramVersions) {
  return staffProcedure('program.read')
    .input(currentProgramInput)
    .output(programVersionView.nullable())
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const version = await programs.current(input.tenantId);
      return version ? toView(version) : null;
    });
}
