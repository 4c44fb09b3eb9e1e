import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, importJWK } from 'jose';
import type { LocalIssuer } from './local-issuer.js';
import type { StaffClaims } from './staff-member.js';

/**
 * The demo stack's sign-in page for staff: an OAuth 2 authorization server of the smallest kind,
 * in front of the local issuer (local-issuer.ts), for the back office to sign in against with the
 * authorization-code flow and PKCE as it would against the retailer's identity provider. Instead
 * of a password it lists the seeded members of staff; whoever can reach it can be any of them, so
 * it binds to 127.0.0.1 and exists in the local stack and tests only.
 */
export interface DemoStaffMember {
  /** Shown on the button. */
  label: string;
  claims: StaffClaims;
  /** What the role may do, shown under the button. */
  may: string;
}

export interface DemoSignInOptions {
  issuer: LocalIssuer;
  staff: Readonly<Record<string, DemoStaffMember>>;
  /** The clients allowed to sign in, each with its exact redirect URIs. */
  clients: readonly { clientId: string; redirectUris: readonly string[] }[];
  port?: number;
  /** How long the access and ID tokens last; default 8 hours. */
  tokenLifetimeSeconds?: number;
}

export interface RunningDemoSignIn {
  url: string;
  /** The metadata a client needs besides the issuer identifier (no discovery document is served). */
  authorizationEndpoint: string;
  tokenEndpoint: string;
  /** Lets one more client in (its redirect URI is known only once it listens). */
  addClient(client: { clientId: string; redirectUris: readonly string[] }): void;
  close(): Promise<void>;
}

interface PendingCode {
  clientId: string;
  redirectUri: string;
  codeChallenge: string;
  nonce: string | null;
  staff: string;
  expiresAt: number;
}

const CODE_LIFETIME_MS = 60_000;
const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

function send(
  res: ServerResponse,
  status: number,
  type: string,
  body: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy':
      "default-src 'none'; style-src 'unsafe-inline'; form-action *; frame-ancestors 'none'; base-uri 'none'",
    ...headers,
  });
  res.end(body);
}

const oauthError = (res: ServerResponse, status: number, error: string, description: string) =>
  send(res, status, 'application/json', JSON.stringify({ error, error_description: description }));

async function formOf(req: IncomingMessage): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 16_384) throw new Error('form too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
const sameText = (a: string, b: string) =>
  a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

function signInPage(params: URLSearchParams, staff: DemoSignInOptions['staff']): string {
  const hidden = [...params]
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('');
  const buttons = Object.entries(staff)
    .map(
      ([name, member]) =>
        `<li><button type="submit" name="staff" value="${escapeHtml(name)}">${escapeHtml(member.label)}</button>` +
        `<p>${escapeHtml(member.may)}</p></li>`,
    )
    .join('');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Scontrino demo sign-in</title><style>
body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#1b1b1f}
ul{list-style:none;padding:0}li{margin:0 0 1rem}button{font:inherit;font-weight:600;padding:.6rem 1rem;border:2px solid #1a4d8f;border-radius:.4rem;background:#fff;color:#1a4d8f;cursor:pointer}
button:focus-visible{outline:3px solid #1b1b1f;outline-offset:2px}p{margin:.3rem 0 0;color:#44474f}</style></head>
<body><main><h1>Scontrino demo sign-in</h1>
<p>The local stack's identity provider: choose the member of staff to sign in as.</p>
<form method="post" action="/authorize">${hidden}<ul>${buttons}</ul></form></main></body></html>`;
}

export async function startDemoSignIn(options: DemoSignInOptions): Promise<RunningDemoSignIn> {
  const clients = new Map(options.clients.map((client) => [client.clientId, client.redirectUris]));
  const codes = new Map<string, PendingCode>();
  const lifetime = options.tokenLifetimeSeconds ?? 8 * 3600;
  const { issuer } = options;
  const idTokenKey = await importJWK(issuer.privateJwk, 'ES256');

  /** Checks what the client sent to `/authorize`; the problem, or null. */
  const problemOf = (params: URLSearchParams): string | null => {
    const clientId = params.get('client_id') ?? '';
    const redirects = clients.get(clientId);
    if (!redirects) return 'unknown client_id';
    if (!redirects.includes(params.get('redirect_uri') ?? ''))
      return 'redirect_uri is not registered for this client';
    if (params.get('response_type') !== 'code') return 'response_type must be code';
    if (
      params.get('code_challenge_method') !== 'S256' ||
      !/^[\w-]{43}$/.test(params.get('code_challenge') ?? '')
    )
      return 'PKCE with S256 is required';
    return null;
  };

  const authorize = async (req: IncomingMessage, res: ServerResponse, url: URL) => {
    const params = req.method === 'POST' ? await formOf(req) : url.searchParams;
    const problem = problemOf(params);
    if (problem) return send(res, 400, 'text/plain; charset=utf-8', `Sign-in refused: ${problem}`);
    const chosen = params.get('staff');
    if (req.method !== 'POST' || chosen === null) {
      params.delete('staff');
      return send(res, 200, 'text/html; charset=utf-8', signInPage(params, options.staff));
    }
    if (!Object.hasOwn(options.staff, chosen))
      return send(res, 400, 'text/plain; charset=utf-8', 'Unknown member of staff');
    const code = randomBytes(32).toString('base64url');
    codes.set(code, {
      clientId: params.get('client_id') ?? '',
      redirectUri: params.get('redirect_uri') ?? '',
      codeChallenge: params.get('code_challenge') ?? '',
      nonce: params.get('nonce'),
      staff: chosen,
      expiresAt: Date.now() + CODE_LIFETIME_MS,
    });
    const back = new URL(params.get('redirect_uri') ?? '');
    back.searchParams.set('code', code);
    const state = params.get('state');
    if (state !== null) back.searchParams.set('state', state);
    back.searchParams.set('iss', issuer.config.issuer);
    return send(res, 303, 'text/plain; charset=utf-8', '', { location: back.href });
  };

  const token = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method !== 'POST') return oauthError(res, 405, 'invalid_request', 'POST the token request');
    const form = await formOf(req);
    if (form.get('grant_type') !== 'authorization_code')
      return oauthError(res, 400, 'unsupported_grant_type', 'only authorization_code');
    const code = form.get('code') ?? '';
    const pending = codes.get(code);
    // One use: a code replayed after its first exchange is refused.
    codes.delete(code);
    if (!pending || pending.expiresAt < Date.now())
      return oauthError(res, 400, 'invalid_grant', 'unknown or expired code');
    if (form.get('client_id') !== pending.clientId || form.get('redirect_uri') !== pending.redirectUri)
      return oauthError(
        res,
        400,
        'invalid_grant',
        'client_id or redirect_uri differs from the authorization request',
      );
    if (!sameText(s256(form.get('code_verifier') ?? ''), pending.codeChallenge))
      return oauthError(res, 400, 'invalid_grant', 'code_verifier does not match the code_challenge');
    const member = options.staff[pending.staff];
    if (!member) return oauthError(res, 400, 'invalid_grant', 'the member of staff is gone');
    const accessToken = await issuer.sign(member.claims, { expiresIn: `${lifetime}s` });
    const { sub, name } = member.claims;
    const idToken = await new SignJWT({ name, ...(pending.nonce !== null && { nonce: pending.nonce }) })
      .setProtectedHeader({ alg: 'ES256', kid: issuer.privateJwk.kid ?? '' })
      .setSubject(sub)
      .setIssuer(issuer.config.issuer)
      .setAudience(pending.clientId)
      .setIssuedAt()
      .setExpirationTime(`${lifetime}s`)
      .sign(idTokenKey);
    return send(
      res,
      200,
      'application/json',
      JSON.stringify({
        access_token: accessToken,
        id_token: idToken,
        token_type: 'Bearer',
        expires_in: lifetime,
      }),
    );
  };

  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://demo-sign-in.invalid');
    const handled =
      url.pathname === '/authorize'
        ? authorize(req, res, url)
        : url.pathname === '/token'
          ? token(req, res)
          : url.pathname === '/jwks'
            ? Promise.resolve(send(res, 200, 'application/json', JSON.stringify({ keys: issuer.jwks.keys })))
            : Promise.resolve(send(res, 404, 'text/plain; charset=utf-8', 'Not found'));
    handled.catch(() => {
      if (!res.headersSent) oauthError(res, 400, 'invalid_request', 'the request could not be read');
    });
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    authorizationEndpoint: `${url}/authorize`,
    tokenEndpoint: `${url}/token`,
    addClient: (client) => void clients.set(client.clientId, client.redirectUris),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
