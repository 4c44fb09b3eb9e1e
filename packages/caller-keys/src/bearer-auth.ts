import { AppError } from '@scontrino/errors';
import type { RequestHandler, Response } from 'express';

/**
 * `Authorization: Bearer <caller key>` or 401 with `WWW-Authenticate`; what `authenticate` returns
 * for the key goes to `res.locals[local]`. The service token is never a caller key: it fails
 * `authenticate` like any other unknown value.
 */
export function authenticateBearer<T>(opts: {
  authenticate: (bearer: string) => Promise<T | null>;
  realm: string;
  /** What to send, for the 401's message: "the terminal key". */
  keyName: string;
  local: string;
}): RequestHandler {
  return async (req, res, next) => {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    let caller: T | null = null;
    try {
      caller = bearer === undefined ? null : await opts.authenticate(bearer);
    } catch (error) {
      next(error);
      return;
    }
    if (caller === null) {
      res.setHeader('WWW-Authenticate', `Bearer realm="${opts.realm}"`);
      next(
        bearer === undefined
          ? new AppError('auth.missing_key', `Send ${opts.keyName} as Authorization: Bearer <key>`, {
              kind: 'unauthenticated',
            })
          : new AppError('auth.invalid_key', `Unknown or revoked ${opts.keyName.replace(/^the /, '')}`, {
              kind: 'unauthenticated',
            }),
      );
      return;
    }
    res.locals[opts.local] = caller;
    next();
  };
}

/** What {@link authenticateBearer} let through under `local`. */
export function callerOf<T>(res: Response, local: string): T {
  const caller = res.locals[local] as T | undefined;
  if (caller === undefined) throw new Error(`authenticateBearer(${local}) must run before this handler`);
  return caller;
}
