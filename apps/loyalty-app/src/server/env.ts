/**
 * The Node side's contact with the process environment (the app in the browser has none: its
 * settings are baked in at build time).
 */
import { DEFAULT_LOYALTY_URL, DEFAULT_TENANT_ID } from './vite-config.js';

export interface LoyaltyAppEnv {
  port: number;
  host: string;
  loyaltyUrl: string;
  tenantId: string;
}

/** For `src/start.ts`: PORT, HOST, LOYALTY_SERVICE_URL, VITE_TENANT_ID, as the stack launcher sets them. */
export function readLoyaltyAppEnv(env: NodeJS.ProcessEnv = process.env): LoyaltyAppEnv {
  const port = Number(env.PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port: ${env.PORT}`);
  const loyaltyUrl = env.LOYALTY_SERVICE_URL ?? DEFAULT_LOYALTY_URL;
  if (!/^https?:\/\/[^/\s]+/.test(loyaltyUrl))
    throw new Error(`LOYALTY_SERVICE_URL is not an http(s) URL: ${loyaltyUrl}`);
  const tenantId = env.VITE_TENANT_ID ?? DEFAULT_TENANT_ID;
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(tenantId))
    throw new Error(`VITE_TENANT_ID is not a tenant id: ${tenantId}`);
  return { port, host: env.HOST ?? '127.0.0.1', loyaltyUrl, tenantId };
}

/**
 * Runs a Vite build as production whatever NODE_ENV the process has (`test` under vitest,
 * `development` in the stack): Vite and the React plugin decide from NODE_ENV alone whether to
 * emit development JSX, which the production React runtime cannot run. Restored afterwards.
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
