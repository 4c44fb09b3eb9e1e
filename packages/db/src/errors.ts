const DUPLICATE_KEY = 11000;

/**
 * Whether a write failed only because a unique index already holds the key: a plain
 * `MongoServerError`, or a bulk write (`insertMany`) whose every write error is a duplicate.
 * Checks the code alone, since FerretDB reports no `keyValue`.
 */
export function isDuplicateKeyError(error: unknown): boolean {
  if (!isObject(error)) return false;
  const writeErrors = error.writeErrors;
  if (Array.isArray(writeErrors) && writeErrors.length > 0) {
    return writeErrors.every((writeError) => codeOf(writeError) === DUPLICATE_KEY);
  }
  return error.code === DUPLICATE_KEY;
}

// The driver's WriteError exposes `code`; mongoose's insertMany copies it as `{ err: { code }, index }`.
function codeOf(writeError: unknown): unknown {
  if (!isObject(writeError)) return undefined;
  return writeError.code ?? (isObject(writeError.err) ? writeError.err.code : undefined);
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
