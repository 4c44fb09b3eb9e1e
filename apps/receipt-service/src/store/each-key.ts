/**
 * The documents any of `keys` finds, without duplicates: one equality query per key, in parallel.
 * A filter with `$in` or `$or` would be one command on MongoDB, but the local database reads the
 * whole collection for it (docs/development.md); a customer has a handful of identifiers, so a
 * handful of indexed look-ups costs little everywhere.
 */
export async function findByEachKey<T extends { _id: string }>(
  keys: readonly string[],
  find: (key: string) => Promise<T[]>,
): Promise<T[]> {
  const found = new Map<string, T>();
  for (const documents of await Promise.all([...new Set(keys)].map(find)))
    for (const document of documents) found.set(document._id, document);
  return [...found.values()];
}
