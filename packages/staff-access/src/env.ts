/**
 * The directory the user typed the command in: pnpm runs scripts in the package directory and
 * says in INIT_CWD where it was invoked from, so a relative `--key` starts there.
 */
export function invocationDirectory(
  source: Readonly<Record<string, string | undefined>> = process.env,
): string {
  return source.INIT_CWD || process.cwd();
}
