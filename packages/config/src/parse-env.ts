import { z } from 'zod';

/**
 * A piece of configuration a package contributes to a service's env.ts: its variables' schema,
 * defaults that are safe everywhere (ports, log level) and defaults that are only acceptable on a
 * developer's machine (local URLs, throw-away keys) and therefore never apply in production.
 */
export interface EnvFragment<TShape extends z.ZodRawShape> {
  shape: TShape;
  defaults?: Partial<Record<keyof TShape & string, string>>;
  devDefaults?: Partial<Record<keyof TShape & string, string>>;
  /**
   * Variables optional on a developer's machine (a feature stays off without them) but that
   * production cannot start without, and that no default may stand in for (a scrape token).
   */
  requiredInProduction?: Partial<Record<keyof TShape & string, true>>;
}

export function envFragment<TShape extends z.ZodRawShape>(
  fragment: EnvFragment<TShape>,
): EnvFragment<TShape> {
  return fragment;
}

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    readonly service: string,
    readonly problems: readonly { variable: string; message: string }[],
  ) {
    super(
      `${service}: invalid configuration\n` +
        problems.map((p) => `  - ${p.variable}: ${p.message}`).join('\n') +
        '\nSet or fix these environment variables (see README.md, "Configuration").',
    );
  }
}

type Source = Readonly<Record<string, string | undefined>>;
type FragmentOutput<F> = F extends EnvFragment<infer S> ? z.infer<z.ZodObject<S>> : never;
type Intersection<U> = (U extends unknown ? (value: U) => void : never) extends (value: infer I) => void
  ? I
  : never;

/** The validated configuration a list of fragments yields: every fragment's variables, typed. */
export type EnvOf<T extends readonly EnvFragment<z.ZodRawShape>[]> = Intersection<FragmentOutput<T[number]>>;

/**
 * Validates the environment against the fragments a service is made of. Empty strings count as
 * unset. Every bad or missing variable is reported at once, by name, in a `ConfigError`.
 */
export function parseEnv<const T extends readonly EnvFragment<z.ZodRawShape>[]>(
  service: string,
  fragments: T,
  source: Source,
): EnvOf<T> {
  const production = source.NODE_ENV === 'production';
  const shape: z.ZodRawShape = {};
  const input: Record<string, string | undefined> = {};
  const missing: { variable: string; message: string }[] = [];
  for (const fragment of fragments) {
    Object.assign(shape, fragment.shape);
    for (const key of Object.keys(fragment.shape)) {
      const given = source[key];
      input[key] =
        given !== undefined && given !== ''
          ? given
          : (fragment.defaults?.[key] ?? (production ? undefined : fragment.devDefaults?.[key]));
    }
    if (production)
      for (const key of Object.keys(fragment.requiredInProduction ?? {}))
        if (input[key] === undefined) missing.push({ variable: key, message: 'is required' });
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success || missing.length > 0) {
    const problems = (result.error?.issues ?? []).map((issue) => ({
      variable: issue.path.join('.') || '(environment)',
      message: input[String(issue.path[0])] === undefined ? 'is required' : issue.message,
    }));
    throw new ConfigError(service, [...problems, ...missing]);
  }
  return result.data as EnvOf<T>;
}
