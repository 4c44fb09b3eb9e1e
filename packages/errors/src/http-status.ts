import type { AppError, ErrorKind } from './app-error.js';

/** The HTTP status of each kind: REST answers use it directly, and tRPC's codes map onto the same numbers. */
export const httpStatusOfKind: Readonly<Record<ErrorKind, number>> = {
  invalid: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
  internal: 500,
};

export const httpStatusOf = (error: AppError): number => httpStatusOfKind[error.kind];
