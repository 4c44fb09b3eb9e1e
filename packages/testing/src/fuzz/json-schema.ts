/** A JSON Schema (2020-12) as zod's `toJSONSchema` and the services' OpenAPI documents write them. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  propertyNames?: JsonSchema;
  items?: JsonSchema | boolean;
  prefixItems?: JsonSchema[];
  minItems?: number;
  maxItems?: number;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  multipleOf?: number;
  default?: unknown;
  $defs?: Record<string, JsonSchema>;
}

/** Follows `#/…` references against the document a schema came from. */
export function resolveRef(schema: JsonSchema, root: unknown): JsonSchema {
  let current = schema;
  for (let hops = 0; current.$ref !== undefined && hops < 20; hops++) {
    const ref = current.$ref;
    if (!ref.startsWith('#')) return {};
    const target = ref
      .slice(1)
      .split('/')
      .filter(Boolean)
      .map((part) => decodeURIComponent(part).replace(/~1/g, '/').replace(/~0/g, '~'))
      .reduce<unknown>(
        (node, key) =>
          node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined,
        root,
      );
    if (target === null || typeof target !== 'object') return {};
    const { $ref: _followed, ...siblings } = current;
    current = { ...(target as JsonSchema), ...siblings };
  }
  return current;
}

/** The one schema an `allOf` stands for: properties and required fields of all its parts together. */
export function mergeAllOf(schema: JsonSchema, root: unknown): JsonSchema {
  if (!schema.allOf) return schema;
  const { allOf, ...rest } = schema;
  return allOf
    .map((part) => mergeAllOf(resolveRef(part, root), root))
    .reduce<JsonSchema>(
      (merged, part) => ({
        ...merged,
        ...part,
        properties: { ...merged.properties, ...part.properties },
        required: [...new Set([...(merged.required ?? []), ...(part.required ?? [])])],
      }),
      rest,
    );
}

/** The JSON types a schema accepts, when it says (`integer` counts as a number). */
export function typesOf(schema: JsonSchema): Set<string> | null {
  if (schema.const !== undefined) return new Set([jsonTypeOf(schema.const)]);
  if (schema.enum) return new Set(schema.enum.map(jsonTypeOf));
  if (schema.type === undefined) {
    if (schema.properties) return new Set(['object']);
    return null;
  }
  const types = Array.isArray(schema.type) ? schema.type : [schema.type];
  return new Set(types.map((type) => (type === 'integer' ? 'number' : type)));
}

export function jsonTypeOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}
