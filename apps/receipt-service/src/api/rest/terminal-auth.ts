import { AppError } from '@scontrino/trpc';
import type { RequestHandler, Response } from 'express';
import type { TerminalIdentity } from '../../domain/terminal-scope.js';
import type { TerminalKeys } from '../../store/terminal-keys.js';

/** The terminal `authenticateTerminal` let through. */
export function terminalOf(res: Response): TerminalIdentity {
  const terminal = res.locals.terminal as TerminalIdentity | undefined;
  if (!terminal) throw new Error('authenticateTerminal must run before this handler');
  return terminal;
}

/** `Authorization: Bearer <terminal key>` or 401; the terminal goes to `res.locals.terminal`. */
export function authenticateTerminal(keys: Pick<TerminalKeys, 'authenticate'>): RequestHandler {
  return async (req, res, next) => {
    const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1];
    const terminal = bearer === undefined ? null : await keys.authenticate(bearer);
    if (terminal === null) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="scontrino-pos"');
      const message =
        bearer === undefined
          ? 'Send the terminal key as Authorization: Bearer <key>'
          : 'Unknown or revoked terminal key';
      next(
        new AppError(bearer === undefined ? 'auth.missing_key' : 'auth.invalid_key', message, {
          kind: 'unauthenticated',
        }),
      );
      return;
    }
    res.locals.terminal = terminal;
    next();
  };
}
