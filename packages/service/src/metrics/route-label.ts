import type { Request } from 'express';

const TRPC_MOUNT = '/trpc/';
const methods = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/** A request's method as a label: the standard ones, and `OTHER` so odd verbs cannot add series. */
export function methodLabel(method: string): string {
  return methods.has(method) ? method : 'OTHER';
}

/**
 * Names what a request asked for without the values in its URL, so receipt tokens and claim
 * codes never reach a label and the number of series stays bounded:
 * - an Express route: its pattern (`/r/:token`). Our routers are mounted at the root; a router
 *   mounted under a prefix reports its own pattern, because Express keeps the mount's matched
 *   value (not its pattern) in `baseUrl`, which could carry a token;
 * - tRPC: `/trpc/<procedure>` for a procedure the router has, `/trpc/(batch)` for a batch,
 *   `/trpc/(unknown)` otherwise;
 * - anything else (404s, static files): `(no route)`.
 */
export function routeLabel(req: Request, procedures: ReadonlySet<string>): string {
  const route = (req as { route?: { path?: unknown } }).route;
  if (typeof route?.path === 'string') return route.path;
  if (req.originalUrl.startsWith(TRPC_MOUNT)) return trpcLabel(req.originalUrl, procedures);
  return '(no route)';
}

function trpcLabel(url: string, procedures: ReadonlySet<string>): string {
  const raw = url.slice(TRPC_MOUNT.length).split('?')[0] ?? '';
  let path: string;
  try {
    path = decodeURIComponent(raw);
  } catch {
    return '/trpc/(unknown)';
  }
  if (path.includes(',')) return '/trpc/(batch)';
  return procedures.has(path) ? `${TRPC_MOUNT}${path}` : '/trpc/(unknown)';
}
