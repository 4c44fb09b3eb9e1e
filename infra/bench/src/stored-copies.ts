/**
 * Copies of one stored document that a collection's indexes accept as new ones: every indexed
 * value (and `_id`) made unique per copy, the rest as stored. Pure, for `--stored-sales`.
 */

type Document = Record<string, unknown>;

/** A value made the `n`th copy's own: strings get a suffix, numbers an offset; others stay. */
function varied(value: unknown, n: number, freshId: () => unknown): unknown {
  if (typeof value === 'string') return `${value}~${n}`;
  if (typeof value === 'number') return value + n;
  if (value !== null && typeof value === 'object' && '_bsontype' in value && value._bsontype === 'ObjectId')
    return freshId();
  return value;
}

/** `document` with the value at a dotted `path` replaced, copying only the objects on the way; arrays are left alone. */
function replaceAt(
  document: Document,
  path: readonly string[],
  replace: (value: unknown) => unknown,
): Document {
  const [head, ...rest] = path;
  if (head === undefined || !(head in document)) return document;
  const value = document[head];
  if (rest.length === 0) return { ...document, [head]: replace(value) };
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return document;
  return { ...document, [head]: replaceAt(value as Document, rest, replace) };
}

/** The dotted paths of every index's keys, `_id` first. */
export function indexedPaths(indexes: readonly { key: Record<string, unknown> }[]): string[] {
  const paths = new Set(['_id']);
  for (const index of indexes) for (const path of Object.keys(index.key)) paths.add(path);
  return [...paths];
}

/** The `n`th copy of `template` (n ≥ 1): unique at every indexed path, equal elsewhere. */
export function storedCopy(
  template: Document,
  paths: readonly string[],
  n: number,
  freshId: () => unknown,
): Document {
  return paths.reduce(
    (copy, path) => replaceAt(copy, path.split('.'), (value) => varied(value, n, freshId)),
    template,
  );
}
