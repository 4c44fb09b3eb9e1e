import { fileURLToPath } from 'node:url';

/** The monorepo root, found from this file so the launcher works from any working directory. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
