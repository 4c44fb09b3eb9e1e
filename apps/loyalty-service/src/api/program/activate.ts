import { actorOf, requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ProgramVersions } from '../../store/program-versions.js';
import {
  configInput,
  parseProgramConfig,
  programVersionView,
  tenantIdSchema,
  toView,
} from './program-schemas.js';

export const activateProgramInput = z.object({
  tenantId: tenantIdSchema,
  config: configInput,
  /** Who activates it (a CRM staff member's id or e-mail, or `system`); kept with the version. */
  author: z.string().min(1).max(200),
  /** Why: shown in the history. */
  note: z.string().max(2000).nullable().default(null),
});

/**
 * `program.activate`: the configuration becomes the tenant's next version, in force for sales from
 * now on; earlier sales keep the version they were earned under.
 */
export function activateProgramProcedure(programs: ProgramVersions) {
  return staffProcedure('program.manage')
    .input(activateProgramInput)
    .output(programVersionView)
    .mutation(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      const config = parseProgramConfig(input.config);
      const version = await programs.activate(input.tenantId, config, {
        author: actorOf(ctx.caller, input.author),
        note: input.note,
      });
      return toView(version);
    });
}
