import { z } from 'zod';

const cliEnvSchema = z.object({
  /** pnpm runs scripts in the package directory and says here where it was invoked from. */
  INIT_CWD: z.string().min(1).optional(),
});

/** The directory the user typed the command in: relative paths on the command line start there. */
export function invocationDirectory(
  source: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return cliEnvSchema.parse({ INIT_CWD: source.INIT_CWD || undefined }).INIT_CWD ?? process.cwd();
}
