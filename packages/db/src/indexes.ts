import type { Connection } from 'mongoose';

/**
 * Resolves once the indexes of every model registered on the connection exist (mongoose builds
 * them in the background when a model is compiled); rejects if one cannot be built, e.g. a
 * unique index over existing duplicates. Call it at boot after defining the models, before
 * serving: a store that claims keys by insert must not run before its unique index does.
 *
 * Unlike `syncIndexes` it never drops an index, so an older replica in a rolling deploy keeps
 * the indexes it relies on.
 */
export async function ensureIndexes(connection: Connection): Promise<void> {
  await Promise.all(Object.values(connection.models).map((model) => model.init()));
}
