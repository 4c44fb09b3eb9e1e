import { isOutOfReach } from './out-of-reach.js';

/**
 * What went wrong, in terms a caller can act on. Each service names its own error codes
 * (e.g. `receipt.not_found`) and gives each one of these kinds; the transports (tRPC, REST)
 * turn a kind into their own status, so domain, store and use-case code never depends on one.
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
}

/** How long a caller should wait before trying again after a dependency's outage (`Retry-After`). */
export const RETRY_AFTER_SECONDS = 5;

/**
 * Wraps anything thrown into an AppError, keeping the original (and its stack) as `cause`: a
 * dependency out of reach (see {@link isOutOfReach}) is `unavailable`, anything else `internal`.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error as AppError;
  if (isOutOfReach(error))
    return new AppError(
      'dependency.unavailable',
      'A service we depend on is out of reach: try again shortly',
      {
        kind: 'unavailable',
        cause: error,
      },
    );
  return new AppError('internal', 'Something went wrong on our side', { kind: 'internal', cause: error });
}
