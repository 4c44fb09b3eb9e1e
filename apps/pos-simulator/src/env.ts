import { z } from 'zod';

const cliEnvSchema = z.object({
  /** pnpm runs scripts in the package directory and says here where it was invoked from. */
  INIT_CWD: z.string().min(1).optional(),
  /** A staff token for the back-office setup, instead of --staff-token or the stack file's. */
  SCONTRINO_STAFF_TOKEN: z.string().min(1).optional(),
});

/** The directory the user typed the command in: relative paths on the command line start there. */
export function invocationDirectory(
  source: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return cliEnvSchema.parse({ INIT_CWD: source.INIT_CWD || undefined }).INIT_CWD ?? process.cwd();
}

/** `SCONTRINO_STAFF_TOKEN`, when set and not empty. */
export function staffTokenFromEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  return cliEnvSchema.parse({ SCONTRINO_STAFF_TOKEN: source.SCONTRINO_STAFF_TOKEN?.trim() || undefined })
    .SCONTRINO_STAFF_TOKEN;
}
