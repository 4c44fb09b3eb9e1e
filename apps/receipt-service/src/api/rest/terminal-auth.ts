import { authenticateBearer, callerOf } from '@scontrino/caller-keys';
import type { RequestHandler, Response } from 'express';
import type { TerminalIdentity } from '../../domain/terminal-scope.js';
import {
  authenticateTerminal as terminalOfKey,
  type TerminalAuthenticator,
} from '../../use-cases/authenticate-terminal.js';

/** The terminal `authenticateTerminal` let through. */
export function terminalOf(res: Response): TerminalIdentity {
  return callerOf<TerminalIdentity>(res, 'terminal');
}

/** `Authorization: Bearer <terminal key>` or 401; the terminal goes to `res.locals.terminal`. */
export function authenticateTerminal(keys: TerminalAuthenticator): RequestHandler {
  return authenticateBearer({
    authenticate: (bearer) => terminalOfKey(keys, bearer),
    realm: 'scontrino-pos',
    keyName: 'the terminal key',
    local: 'terminal',
  });
}
