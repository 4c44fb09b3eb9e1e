import type { TRPC_ERROR_CODE_KEY } from '@trpc/server/rpc';

/**
 * What went wrong, in terms a caller can act on. Each service names its own error codes
 * (e.g. `receipt.not_found`) and gives each one of these kinds; the kind alone decides the
 * tRPC code and HTTP status, so that mapping lives in one place.
 */
export type ErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'too_large'
  | 'rate_limited'
  | 'unavailable'
  | 'internal';

export const errorKinds: Readonly<Record<ErrorKind, { trpc: TRPC_ERROR_CODE_KEY; http: number }>> = {
  invalid: { trpc: 'UNPROCESSABLE_CONTENT', http: 422 },
  unauthenticated: { trpc: 'UNAUTHORIZED', http: 401 },
  forbidden: { trpc: 'FORBIDDEN', http: 403 },
  not_found: { trpc: 'NOT_FOUND', http: 404 },
  conflict: { trpc: 'CONFLICT', http: 409 },
  too_large: { trpc: 'PAYLOAD_TOO_LARGE', http: 413 },
  rate_limited: { trpc: 'TOO_MANY_REQUESTS', http: 429 },
  unavailable: { trpc: 'SERVICE_UNAVAILABLE', http: 503 },
  internal: { trpc: 'INTERNAL_SERVER_ERROR', http: 500 },
};

/** One problem with an input, located by its path, e.g. `lines[1].total`. */
export interface InputIssue {
  path: string;
  code: string;
  message: string;
}

export interface AppErrorOptions {
  kind: ErrorKind;
  /** Whether a queue worker should try again (a dependency was down) or give up (the input is wrong). */
  retryable?: boolean;
  issues?: readonly InputIssue[];
  cause?: unknown;
}

export class AppError<TCode extends string = string> extends Error {
  override readonly name = 'AppError';
  readonly code: TCode;
  readonly kind: ErrorKind;
  readonly retryable: boolean;
  readonly issues: readonly InputIssue[];

  constructor(code: TCode, message: string, options: AppErrorOptions) {
    super(message, { cause: options.cause });
    this.code = code;
    this.kind = options.kind;
    this.retryable = options.retryable ?? options.kind === 'unavailable';
    this.issues = options.issues ?? [];
  }

  get httpStatus(): number {
    return errorKinds[this.kind].http;
  }
}

/** Wraps anything thrown into an AppError, keeping the original (and its stack) as `cause`. */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error as AppError;
  return new AppError('internal', 'Something went wrong on our side', { kind: 'internal', cause: error });
}
