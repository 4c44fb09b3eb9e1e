/**
 * Errors of a database or Redis driver that mean "the dependency cannot be reached right now":
 * nothing about the request is wrong and the same request may succeed shortly, so callers get a
 * 503 with `Retry-After` (kind `unavailable`) and queue workers retry. Recognised by name, so this
 * package needs no driver: the MongoDB driver's (and mongoose's) selection, network and pool
 * errors, ioredis's give-up after its retries; and a server's answer that it is shutting down or
 * has no primary (by code).
 */
const OUT_OF_REACH_NAMES = new Set([
  'MongoServerSelectionError',
  'MongooseServerSelectionError',
  'MongoNetworkError',
  'MongoNetworkTimeoutError',
  'MongoPoolClearedError',
  'PoolClearedOnNetworkError',
  // Every pooled connection stayed busy for the whole wait (`waitQueueTimeoutMS`): overloaded.
  'MongoWaitQueueTimeoutError',
  'MongoNotConnectedError',
  'MongoTopologyClosedError',
  'MongoServerClosedError',
  'MaxRetriesPerRequestError',
]);

/**
 * Server error codes that say the server cannot serve now, not that the request is wrong: it is
 * shutting down or restarting, or a replica set is electing a primary (MongoDB answers writes
 * during an election with `NotWritablePrimary` and the like once the driver's one retry is spent).
 * The driver's own list of retryable codes, as MongoDB's drivers specification gives it.
 */
const UNAVAILABLE_SERVER_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);

/** Every write error of a bulk write (`insertMany`), when it has any. */
function writeErrorsOf(error: object): unknown[] {
  const { writeErrors } = error as { writeErrors?: unknown };
  return Array.isArray(writeErrors) ? writeErrors : [];
}

function hasUnavailableCode(error: object): boolean {
  const { code } = error as { code?: unknown };
  if (typeof code === 'number' && UNAVAILABLE_SERVER_CODES.has(code)) return true;
  const writeErrors = writeErrorsOf(error);
  return (
    writeErrors.length > 0 &&
    writeErrors.every((writeError) => UNAVAILABLE_SERVER_CODES.has(codeOf(writeError) as number))
  );
}

// The driver's WriteError exposes `code`; mongoose's insertMany copies it as `{ err: { code }, index }`.
function codeOf(writeError: unknown): unknown {
  if (typeof writeError !== 'object' || writeError === null) return undefined;
  const { code, err } = writeError as { code?: unknown; err?: { code?: unknown } };
  return code ?? err?.code;
}

/** mongoose's own wait for a connection that never came (`bufferCommands`). */
const BUFFERING_TIMED_OUT = /buffering timed out after/;

const MAX_DEPTH = 5;

/**
 * Whether `error`, or what it wraps (`cause`, a bulk write's `errorResponse`, mongoose's `reason`),
 * is a dependency out of reach.
 */
export function isOutOfReach(error: unknown, depth = 0): boolean {
  if (typeof error !== 'object' || error === null || depth > MAX_DEPTH) return false;
  const { name, message } = error as { name?: unknown; message?: unknown };
  if (typeof name === 'string' && OUT_OF_REACH_NAMES.has(name)) return true;
  if (typeof name === 'string' && name.startsWith('Mongo') && hasUnavailableCode(error)) return true;
  if (typeof message === 'string' && name === 'MongooseError' && BUFFERING_TIMED_OUT.test(message))
    return true;
  const wrapped = error as { cause?: unknown; errorResponse?: unknown; reason?: unknown };
  return [wrapped.cause, wrapped.errorResponse, wrapped.reason].some((inner) =>
    isOutOfReach(inner, depth + 1),
  );
}
