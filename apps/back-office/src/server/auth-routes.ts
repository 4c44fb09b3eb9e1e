import type { ServerResponse } from 'node:http';
import type { Connect } from 'vite';
import type { StaffSignIn } from './oidc.js';
import { identityOf, sendJson, type SessionRequest, signedInOf } from './staff-session.js';

/** The header every call of the page carries: a cross-site form cannot send it (CSRF). */
export const PAGE_HEADER = 'x-scontrino-back-office';

const redirect = (res: ServerResponse, location: string) => {
  res.statusCode = 303;
  res.setHeader('location', location);
  res.setHeader('cache-control', 'no-store');
  res.end();
};

const promisify = (run: (done: (error?: unknown) => void) => void) =>
  new Promise<void>((resolve, reject) =>
    run((error) =>
      error ? reject(error instanceof Error ? error : new Error('the session store failed')) : resolve(),
    ),
  );

/**
 * `GET /auth/login` sends the browser to the identity provider; `GET /auth/callback` takes the
 * code back, exchanges it and starts a new session (a new id: no fixation); `GET /auth/me` tells
 * the page who is signed in; `POST /auth/logout` ends the session.
 */
export function authRoutes(
  signIn: () => Promise<StaffSignIn>,
  publicUrl: () => string,
): Connect.NextHandleFunction {
  return (req: SessionRequest, res, next) => {
    const url = new URL(req.url ?? '/', publicUrl());
    const route = `${req.method ?? 'GET'} ${url.pathname}`;
    if (!url.pathname.startsWith('/auth/')) return next();
    const handle = async () => {
      const current = req.session;
      if (!current) throw new Error('the session middleware did not run');
      switch (route) {
        case 'GET /auth/login': {
          const { url: to, pending } = await (await signIn()).start();
          current.pending = pending;
          await promisify((done) => current.save(done));
          return redirect(res, to.href);
        }
        case 'GET /auth/callback': {
          const pending = current.pending;
          if (!pending)
            return sendJson(res, 400, {
              error: { code: 'auth.no_sign_in', message: 'No sign-in was started here' },
            });
          const signedIn = await (await signIn()).finish(url, pending).catch((error: unknown) => {
            sendJson(res, 400, {
              error: {
                code: 'auth.sign_in_failed',
                message: error instanceof Error ? error.message : 'sign-in failed',
              },
            });
            return null;
          });
          if (!signedIn) return;
          await promisify((done) => current.regenerate(done));
          const fresh = req.session;
          if (!fresh) throw new Error('no session after regenerate');
          fresh.signedIn = signedIn;
          await promisify((done) => fresh.save(done));
          return redirect(res, '/');
        }
        case 'GET /auth/me': {
          const signedIn = signedInOf(req);
          if (!signedIn)
            return sendJson(res, 401, { error: { code: 'auth.signed_out', message: 'Not signed in' } });
          return sendJson(res, 200, identityOf(signedIn));
        }
        case 'POST /auth/logout': {
          if (req.headers[PAGE_HEADER] !== '1')
            return sendJson(res, 403, {
              error: { code: 'auth.page_header', message: `Send ${PAGE_HEADER}: 1` },
            });
          await promisify((done) => current.destroy(done));
          res.statusCode = 204;
          return res.end();
        }
        default:
          return next();
      }
    };
    handle().catch(next);
  };
}
