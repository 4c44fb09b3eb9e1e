import type { IncomingMessage, ServerResponse } from 'node:http';
import { posix } from 'node:path';
import type { Connect } from 'vite';

/** What the app forwards to the loyalty service; everything else it serves or refuses itself. */
export const TRPC_PREFIX = '/trpc';

export type GateVerdict = { forward: true } | { forward: false; status: 400 | 404; reason: string };

const refuse = (status: 400 | 404, reason: string): GateVerdict => ({ forward: false, status, reason });

/**
 * Whether a request target that starts with `/trpc` may reach the loyalty service: only
 * `/trpc/<procedure>` (or a comma-separated batch of them), one path segment that stays one
 * segment under `/trpc` after percent-decoding and dot-segment resolution. The check is made on
 * the target as the proxy will send it (it resolves `..` and `%2e%2e` with the WHATWG URL parser)
 * and on its decoded form, and refuses a target that either of them would change, so what is
 * checked is what is forwarded: `/trpc/../metrics`, `/trpc/%2e%2e/metrics`, `/trpc/..%2fmetrics`,
 * `/trpc/..\metrics`, `/trpc//x`, `/trpc/x/` and `/trpcx` never leave the app.
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
  // A backslash is a slash to the URL parser; control characters have no place in a procedure name.
  if ([...path].some((char) => char === '\\' || char < ' ' || char === '\u007f'))
    return refuse(400, 'the path holds a backslash or a control character');
  if (
    !URL.canParse(target, 'http://gate.invalid') ||
    new URL(target, 'http://gate.invalid').pathname !== rawPath
  )
    return refuse(400, 'the path is not in normal form (dot segments, a fragment or characters to escape)');
  if (posix.normalize(path) !== path)
    return refuse(400, 'the path is not in normal form (dot segments or empty segments)');
  if (!/^\/trpc\/[^/]+$/.test(path)) return refuse(404, 'only tRPC procedures are forwarded');
  return { forward: true };
}

/** Headers about the path a request took: only the app may say where its callers are. */
const FORWARDING_HEADERS = [
  'forwarded',
  'x-forwarded-for',
  'x-forwarded-host',
  'x-forwarded-proto',
  'x-forwarded-port',
  'x-real-ip',
];

/**
 * The middleware in front of the `/trpc` proxy: refuses what {@link trpcGateVerdict} refuses with
 * a JSON error, and for what passes replaces whatever the caller said about its address with the
 * address the app sees, in `X-Forwarded-For`. The loyalty service believes that header from the
 * app alone (its `TRUST_PROXY`), so each member has their own per-IP limits, and nobody can pick
 * one. Rewritten on the request itself, before the proxy copies its headers.
 */
export function trpcGate(): Connect.NextHandleFunction {
  return (req: IncomingMessage, res: ServerResponse, next: Connect.NextFunction) => {
    const target = req.url ?? '';
    if (!target.startsWith(TRPC_PREFIX)) return next();
    const verdict = trpcGateVerdict(target);
    if (!verdict.forward) {
      res.statusCode = verdict.status;
      res.setHeader('content-type', 'application/json');
      res.setHeader('cache-control', 'no-store');
      res.end(
        JSON.stringify({
          error: { code: verdict.status === 404 ? 'app.not_found' : 'app.bad_path', message: verdict.reason },
        }),
      );
      return;
    }
    for (const header of FORWARDING_HEADERS) delete req.headers[header];
    const client = req.socket.remoteAddress;
    if (client) req.headers['x-forwarded-for'] = client;
    next();
  };
}
