/**
 * The back office server's settings, from the environment the stack launcher (or a deployment)
 * gives it. The browser side has none: everything it needs it asks this server.
 */
import { randomBytes } from 'node:crypto';
import { z } from 'zod';

const httpUrl = z.url({ protocol: /^https?$/ });

const envSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4020),
  HOST: z.string().min(1).default('127.0.0.1'),
  /** The receipt service: `/trpc/receipt/*` is forwarded there with the signed-in staff's token. */
  RECEIPT_SERVICE_URL: httpUrl.default('http://127.0.0.1:4001'),
  /** The loyalty service: `/trpc/loyalty/*` (a customer's members, points corrections). */
  LOYALTY_SERVICE_URL: httpUrl.default('http://127.0.0.1:4002'),
  /** The reconciliation service: `/trpc/reconciliation/*` (profiles, links, curation, suggestions). */
  RECONCILIATION_SERVICE_URL: httpUrl.default('http://127.0.0.1:4003'),
  /** Where browsers reach the back office (the redirect URI is `<it>/auth/callback`); default its own address. */
  BACK_OFFICE_PUBLIC_URL: httpUrl.optional(),
  /** The staff identity provider (OIDC issuer identifier). */
  OIDC_ISSUER: z.string().min(1),
  OIDC_CLIENT_ID: z.string().min(1).default('scontrino-back-office'),
  /** A confidential client's secret; absent: a public client (PKCE alone). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /**
   * The two endpoints, when the provider publishes no discovery document (the local stack's demo
   * sign-in); absent: read from `<issuer>/.well-known/openid-configuration`.
   */
  OIDC_AUTHORIZATION_ENDPOINT: httpUrl.optional(),
  OIDC_TOKEN_ENDPOINT: httpUrl.optional(),
  /** Signs the session cookie; default a random one per start (sessions then end with the process). */
  BACK_OFFICE_SESSION_SECRET: z.string().min(32).optional(),
  /** The brand shown to staff of every brand (`tenants: ['*']`). */
  DEFAULT_TENANT_ID: z
    .string()
    .regex(/^[\w-]{1,64}$/)
    .default('moda-rossi'),
});

export type BackOfficeEnv = z.infer<typeof envSchema> & { BACK_OFFICE_SESSION_SECRET: string };

export function readBackOfficeEnv(env: NodeJS.ProcessEnv = process.env): BackOfficeEnv {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success)
    throw new Error(
      `back office settings: ${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')}`,
    );
  if (
    (parsed.data.OIDC_AUTHORIZATION_ENDPOINT === undefined) !==
    (parsed.data.OIDC_TOKEN_ENDPOINT === undefined)
  )
    throw new Error(
      'back office settings: give both OIDC_AUTHORIZATION_ENDPOINT and OIDC_TOKEN_ENDPOINT, or neither',
    );
  return {
    ...parsed.data,
    BACK_OFFICE_SESSION_SECRET:
      parsed.data.BACK_OFFICE_SESSION_SECRET ?? randomBytes(32).toString('base64url'),
  };
}

/**
 * Runs a Vite build as production whatever NODE_ENV the process has (`test` under vitest,
 * `development` in the stack): Vite and the React plugin pick development JSX from NODE_ENV
 * alone, which the production React runtime cannot run. Restored afterwards.
 */
export async function asProduction<T>(build: () => Promise<T>): Promise<T> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    return await build();
  } finally {
    if (before === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = before;
  }
}
