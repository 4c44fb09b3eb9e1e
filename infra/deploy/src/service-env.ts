import { pathToFileURL } from 'node:url';
import { repoPath } from './repo.js';

type Environment = Readonly<Record<string, string | undefined>>;
export type LoadEnv = (source: Environment) => unknown;

/** What `ConfigError` from @scontrino/config carries, read without importing another package's class. */
interface ConfigProblems {
  problems: readonly { variable: string; message: string }[];
}

const hasProblems = (error: unknown): error is ConfigProblems =>
  typeof error === 'object' && error !== null && Array.isArray((error as Partial<ConfigProblems>).problems);

/**
 * The service's own `load…Env` from its `env.ts`, the function `start.ts` calls: the checks run the
 * service's real validation instead of a copy of its variable list that could drift.
 */
export async function serviceEnvLoader(service: string): Promise<LoadEnv> {
  const url = pathToFileURL(repoPath('apps', service, 'src', 'env.ts')).href;
  const module = (await import(url)) as Record<string, unknown>;
  const loaders = Object.entries(module).filter(
    ([name, value]) => /^load\w*Env$/.test(name) && typeof value === 'function',
  );
  if (loaders.length !== 1) {
    throw new Error(
      `apps/${service}/src/env.ts should export one load…Env function, found ${loaders.length}`,
    );
  }
  return loaders[0]?.[1] as LoadEnv;
}

/** The problems the service reports for this environment, by variable; empty when it would boot. */
export function configProblems(load: LoadEnv, environment: Environment): Record<string, string> {
  try {
    load(environment);
    return {};
  } catch (error) {
    if (!hasProblems(error)) throw error;
    return Object.fromEntries(error.problems.map((p) => [p.variable, p.message]));
  }
}

/** Variables the service cannot start without in production (no default applies there). */
export function requiredInProduction(load: LoadEnv): string[] {
  return Object.entries(configProblems(load, { NODE_ENV: 'production' }))
    .filter(([, message]) => message === 'is required')
    .map(([variable]) => variable)
    .sort();
}
