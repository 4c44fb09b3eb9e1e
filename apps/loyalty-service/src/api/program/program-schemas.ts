import { AppError } from '@scontrino/errors';
import { issuesFromZod } from '@scontrino/trpc';
import { z } from 'zod';
import {
  type ProgramConfig,
  programConfigSchema,
  type ProgramVersion,
} from '../../domain/program/program-config.js';

export const tenantIdSchema = z.string().min(1).max(100);

/**
 * A draft or new configuration arrives unchecked and is parsed here, so that a bad one is a 422
 * naming every broken field (`config.campaigns[0].endsAt`) like the POS contract's errors, not the
 * 400 of a malformed request.
 */
export const configInput = z.unknown();

const withConfig = z.object({ config: programConfigSchema });

export function parseProgramConfig(raw: unknown): ProgramConfig {
  const parsed = withConfig.safeParse({ config: raw });
  if (parsed.success) return parsed.data.config;
  throw new AppError('program.invalid_config', 'The program configuration is invalid', {
    kind: 'invalid',
    issues: issuesFromZod(parsed.error),
  });
}

/**
 * A version as callers read it. The configuration is passed through as stored: a version activated
 * under an older schema stays readable even where today's schema is stricter.
 */
export const programVersionView = z.object({
  tenantId: z.string(),
  version: z.number().int().positive(),
  config: z.custom<ProgramConfig>((value) => typeof value === 'object' && value !== null),
  activatedAt: z.iso.datetime(),
  activatedBy: z.string(),
  note: z.string().nullable(),
});

export type ProgramVersionView = z.infer<typeof programVersionView>;

export const toView = (version: ProgramVersion): ProgramVersionView => ({
  ...version,
  activatedAt: version.activatedAt.toISOString(),
});
