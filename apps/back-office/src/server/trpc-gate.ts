import { posix } from 'node:path';
import type { Connect } from 'vite';
import { PAGE_HEADER } from './auth-routes.js';
import { SERVICE_NAMES, SERVICE_PROCEDURES, type ServiceName } from './service-procedures.js';
import { sendJson, type SessionRequest, signedInOf } from './staff-session.js';

export { SERVICE_NAMES, type ServiceName } from './service-procedures.js';

export type GateVerdict = { forward: ServiceName } | { forward: null; status: 400 | 404; reason: string };

const refuse = (status: 400 | 404, reason: string): GateVerdict => ({ forward: null, status, reason });

/**
 * Which service a `/trpc/...` request target may reach: `/trpc/<service>/<procedure>` (or a
 * comma-separated batch), one segment that stays one after percent-decoding and dot-segment
 * resolution, checked on the target as the proxy will send it (as the loyalty app's gate does),
 * each procedure one the pages call (`SERVICE_PROCEDURES`).
 */
export function trpcGateVerdict(target: string): GateVerdict {
  const queryAt = target.indexOf('?');
  const rawPath = queryAt === -1 ? target : target.slice(0, queryAt);
  let path: string;
  try {
    path = decodeURIComponent(rawPath);
  } catch {
    return refuse(400, 'the path is not valid percent-encoding');
  }
  if ([...path].some((char) => char === '\\' || char < ' ' || char === '\u007f'))
    return refuse(400, 'the path holds a backslash or a control character');
  if (
    !URL.canParse(target, 'http://gate.invalid') ||
    new URL(target, 'http://gate.invalid').pathname !== rawPath
  )
    return refuse(400, 'the path is not in normal form');
  if (posix.normalize(path) !== path) return refuse(400, 'the path is not in normal form');
  const match = /^\/trpc\/([a-z]+)\/([^/]+)$/.exec(path);
  const service = SERVICE_NAMES.find((name) => name === match?.[1]);
  if (!service || !match?.[2]) return refuse(404, 'only tRPC procedures of the services are forwarded');
  const allowed: readonly string[] = SERVICE_PROCEDURES[service];
  if (!match[2].split(',').every((procedure) => allowed.includes(procedure)))
    return refuse(404, 'the back office does not forward this procedure');
  return { forward: service };
}

const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
];

/**
 * In front of the `/trpc/<service>` proxies: refuses what the verdict refuses, calls without the
 * page's header (CSRF) and calls without a live session; for the others puts the session's
 * access token in `Authorization` (whatever the browser sent is dropped) and the caller's address
 * in `X-Forwarded-For`.
 */
export function trpcGate(): Connect.NextHandleFunction {
  return (req: SessionRequest, res, next) => {
    const target = req.url ?? '';
    if (!target.startsWith('/trpc')) return next();
    const verdict = trpcGateVerdict(target);
    if (verdict.forward === null)
      return sendJson(res, verdict.status, {
        error: { code: verdict.status === 404 ? 'app.not_found' : 'app.bad_path', message: verdict.reason },
      });
    if (req.headers[PAGE_HEADER] !== '1')
      return sendJson(res, 403, { error: { code: 'auth.page_header', message: `Send ${PAGE_HEADER}: 1` } });
    const signedIn = signedInOf(req);
    if (!signedIn)
      return sendJson(res, 401, { error: { code: 'auth.signed_out', message: 'Sign in again' } });
    for (const header of [...FORWARDING_HEADERS, 'authorization', 'cookie']) delete req.headers[header];
    req.headers.authorization = `Bearer ${signedIn.accessToken}`;
    const client = req.socket.remoteAddress;
    if (client) req.headers['x-forwarded-for'] = client;
    next();
  };
}
