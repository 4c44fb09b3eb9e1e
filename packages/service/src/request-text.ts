import { type AppError } from '@scontrino/errors';
import { unsafeTextError } from '@scontrino/trpc';
import express, { type Request, type RequestHandler, type Response } from 'express';

/** How a route answers a body with unsafe text; by default the JSON error of every REST route. */
export type UnsafeTextRefusal = (req: Request, res: Response, error: AppError) => void | Promise<void>;

/** The parser, then the check of what it parsed: one handler, so routes list it like any other. */
function checkedBody(parse: RequestHandler, refuse?: UnsafeTextRefusal): RequestHandler {
  return (req, res, next) => {
    void parse(req, res, (parseError?: unknown) => {
      if (parseError !== undefined) return next(parseError);
      const error = unsafeTextError(req.body);
      if (error === null) return next();
      if (refuse === undefined) return next(error);
      Promise.resolve(refuse(req, res, error)).catch(next);
    });
  };
}

/**
 * The JSON body parser of every REST route (the lint bans `express.json` elsewhere): parsed, then
 * refused with 422 `request.invalid_text` naming each string that holds NUL, another control
 * character or a lone surrogate, before the route's own checks run.
 */
export function jsonBody(options: Parameters<typeof express.json>[0]): RequestHandler {
  return checkedBody(express.json(options));
}

/** The same for HTML forms; a page passes `refuse` to answer with the form again. */
export function formBody(
  options: Parameters<typeof express.urlencoded>[0],
  refuse?: UnsafeTextRefusal,
): RequestHandler {
  return checkedBody(express.urlencoded(options), refuse);
}

function decodedSegments(path: string): string[] {
  return path.split('/').map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      // Not valid UTF-8 after decoding: the router answers 400 for such a parameter itself.
      return segment;
    }
  });
}

/**
 * Every REST request's path and query string, before any route: what a route reads from its URL
 * holds no unsafe text either. tRPC is left out, its procedures check their own input.
 */
export const urlText: RequestHandler = (req, _res, next) => {
  if (req.path.startsWith('/trpc/') || req.path === '/trpc') return next();
  const inPath = decodedSegments(req.path).find((segment) => unsafeTextError(segment) !== null);
  const error =
    (inPath === undefined ? null : unsafeTextError(inPath, 'path')) ?? unsafeTextError(req.query, 'query');
  next(error ?? undefined);
};
