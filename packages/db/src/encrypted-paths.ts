/** One encrypted value of a document, as the re-encryption routine finds it. */
export interface EncryptedField {
  /**
   * Dot path from the document; `[]` after a segment walks each element of an array:
   * `email.encrypted`, `cards[].encrypted`, `identifiers[].sealed`. A missing or null value is no value.
   */
  path: string;
  /**
   * The context the value is encrypted under, or how to read it from the object holding the value
   * when it depends on a sibling field (an identifier's `type`).
   */
  context: string | ((holder: Readonly<Record<string, unknown>>) => string);
  /**
   * Top-level fields the context function reads besides the path's own (the scan reads only what
   * it needs): `['type']` for a top-level value whose context names the document's `type`.
   */
  reads?: readonly string[];
}

/** A collection's encrypted fields: what a service declares once in `store/encrypted-fields.ts`. */
export interface EncryptedCollection {
  collection: string;
  fields: readonly EncryptedField[];
}

/** One string found at a declared path: where it is (dot notation with array indices) and its context. */
export interface FoundValue {
  /** `cards.0.encrypted`: usable as is in a filter and in `$set`. */
  dotPath: string;
  value: string;
  context: string;
}

type Holder = Readonly<Record<string, unknown>>;

const isHolder = (value: unknown): value is Holder =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every string value the field's path reaches in the document. */
export function valuesAt(document: Holder, field: EncryptedField): FoundValue[] {
  const found: FoundValue[] = [];
  const segments = field.path.split('.');
  const walk = (holder: Holder, index: number, prefix: string): void => {
    const segment = segments[index];
    if (segment === undefined) return;
    const isArray = segment.endsWith('[]');
    const key = isArray ? segment.slice(0, -2) : segment;
    const here = prefix ? `${prefix}.${key}` : key;
    const value = holder[key];
    const last = index === segments.length - 1;
    if (isArray) {
      if (!Array.isArray(value)) return;
      value.forEach((element: unknown, position) => {
        const at = `${here}.${position}`;
        if (last) {
          if (typeof element === 'string')
            found.push({ dotPath: at, value: element, context: contextOf(holder) });
        } else if (isHolder(element)) walk(element, index + 1, at);
      });
      return;
    }
    if (last) {
      if (typeof value === 'string') found.push({ dotPath: here, value, context: contextOf(holder) });
    } else if (isHolder(value)) walk(value, index + 1, here);
  };
  const contextOf = (holder: Holder) =>
    typeof field.context === 'string' ? field.context : field.context(holder);
  walk(document, 0, '');
  return found;
}

/** The top-level fields a collection's paths start from: the projection of the scan. */
export function topLevelFields(fields: readonly EncryptedField[]): string[] {
  return [
    ...new Set(
      fields.flatMap((field) => [
        (field.path.split('.')[0] ?? '').replace(/\[\]$/, ''),
        ...(field.reads ?? []),
      ]),
    ),
  ];
}
