import type { ErrorRequestHandler, RequestHandler } from 'express';
import { httpStatusOf, RETRY_AFTER_SECONDS, toAppError, type AppError } from '@scontrino/errors';
import { requestIdOf } from './request-id.js';

/** The JSON body of every REST error: one shape, whatever failed. */
export interface ErrorBody {
  error: { code: string; message: string; issues: AppError['issues']; requestId: string };
}

export function errorBody(error: AppError, requestId: string): ErrorBody {
  return { error: { code: error.code, message: error.message, issues: error.issues, requestId } };
}

/**
 * An error the request caused, as body-parser and its helpers raise them (http-errors style):
 * a 4xx `status`, and a `type` for the ones we name (a corrupt gzip body has none).
 */
interface RequestError {
  status: number;
  type?: unknown;
}

const isRequestError = (error: unknown): error is RequestError =>
  typeof error === 'object' &&
  error !== null &&
  'status' in error &&
  typeof error.status === 'number' &&
  error.status >= 400 &&
  error.status < 500;

const knownRequestErrors: Record<string, [number, string, string]> = {
  'entity.parse.failed': [400, 'request.malformed_json', 'The body is not valid JSON'],
  'entity.too.large': [413, 'request.too_large', 'The body is larger than this endpoint accepts'],
  'encoding.unsupported': [415, 'request.unsupported_encoding', 'Unsupported content encoding'],
  'charset.unsupported': [415, 'request.unsupported_charset', 'Unsupported charset'],
};

/**
 * Turns failures of the request itself (body, encoding) into 4xx, a dependency out of reach into
 * 503 with `Retry-After`, and anything else into one logged 500.
 */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  const requestId = requestIdOf(req);
  if (isRequestError(error)) {
    const [status, code, message] = (typeof error.type === 'string'
      ? knownRequestErrors[error.type]
      : undefined) ?? [error.status, 'request.invalid', 'The request could not be read'];
    res.status(status).json({ error: { code, message, issues: [], requestId } });
    return;
  }
  const appError = toAppError(error);
  const status = httpStatusOf(appError);
  if (status === 503) {
    // A dependency is out of reach: the caller may try again (tills do, with the same key).
    req.log.warn({ err: error }, 'request failed: dependency out of reach');
    res.setHeader('Retry-After', String(RETRY_AFTER_SECONDS));
  } else if (status >= 500) req.log.error({ err: error }, 'request failed');
  res.status(status).json(errorBody(appError, requestId));
};

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json({
    error: {
      code: 'route.not_found',
      message: `No route ${req.method} ${req.path}`,
      issues: [],
      requestId: requestIdOf(req),
    },
  });
};
