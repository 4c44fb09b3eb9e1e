import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';
import type { ErrorKind } from '@scontrino/errors';

/** The tRPC code of each error kind (tRPC derives the same HTTP status as REST answers give). */
export const trpcCodeOfKind: Readonly<Record<ErrorKind, TRPC_ERROR_CODE_KEY>> = {
  invalid: 'UNPROCESSABLE_CONTENT',
  unauthenticated: 'UNAUTHORIZED',
  forbidden: 'FORBIDDEN',
  not_found: 'NOT_FOUND',
  conflict: 'CONFLICT',
  too_large: 'PAYLOAD_TOO_LARGE',
  rate_limited: 'TOO_MANY_REQUESTS',
  unavailable: 'SERVICE_UNAVAILABLE',
  internal: 'INTERNAL_SERVER_ERROR',
};
