/**
 * Errors of a database or Redis driver that mean "the dependency cannot be reached right now":
 * nothing about the request is wrong and the same request may succeed shortly, so callers get a
 * 503 with `Retry-After` (kind `unavailable`) and queue workers retry. Recognised by name, so this
 * package needs no driver: the MongoDB driver's (and mongoose's) selection, network and pool
 * errors, ioredis's give-up after its retries.
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
  if (typeof message === 'string' && name === 'MongooseError' && BUFFERING_TIMED_OUT.test(message))
    return true;
  const wrapped = error as { cause?: unknown; errorResponse?: unknown; reason?: unknown };
  return [wrapped.cause, wrapped.errorResponse, wrapped.reason].some((inner) =>
    isOutOfReach(inner, depth + 1),
  );
}
