import fc from 'fast-check';
import { keptOddCharacters, refusedCharacters } from '../odd-text.js';
import { type JsonSchema, jsonTypeOf, mergeAllOf, resolveRef, typesOf } from './json-schema.js';

export type Path = readonly (string | number)[];

/** One place in a valid value: what is there, what the schema says of it, where a refusal must point. */
interface Site {
  path: Path;
  value: unknown;
  schema: JsonSchema;
  /**
   * Where a refusal may start naming it: the nearest union above it (a schema with alternatives
   * can only say "none of them fits" at the union), or the site itself when there is none.
   */
  namedFrom: Path;
  /** The JSON types it may hold (every alternative's, under a union); null when the schema does not say. */
  types: Set<string> | null;
}

/** A value broken at one place, and whether the contract says it must be refused there. */
export interface Mutation {
  kind: string;
  value: unknown;
  /** Where a refusal must point (the path from `namedFrom` down to `path`, or below); null when it may pass. */
  offending: { path: Path; namedFrom: Path } | null;
}

/** Keys that would reach `Object.prototype` through a careless merge or assignment. */
export const POLLUTION_MARK = 'scontrinoFuzzPolluted';
const pollutingKeys = [
  ['__proto__', { [POLLUTION_MARK]: true }],
  ['constructor', { prototype: { [POLLUTION_MARK]: true } }],
  ['prototype', { [POLLUTION_MARK]: true }],
] as const;

function sitesOf(
  value: unknown,
  input: JsonSchema | boolean | undefined,
  root: unknown,
  path: Path,
  unionAt: Path | null,
): Site[] {
  if (input === undefined || typeof input === 'boolean')
    return [{ path, value, schema: {}, namedFrom: unionAt ?? path, types: null }];
  let schema = mergeAllOf(resolveRef(input, root), root);
  let types = typesOf(schema);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices) {
    const each = choices.map((choice) => typesOf(mergeAllOf(resolveRef(choice, root), root)));
    types = each.some((set) => set === null) ? null : new Set(each.flatMap((set) => [...set!]));
    // Which alternative the value took is not known for sure: the refusal may come at the union.
    unionAt = path;
    const type = jsonTypeOf(value);
    const fitting = choices
      .map((choice) => mergeAllOf(resolveRef(choice, root), root))
      .filter((choice) => typesOf(choice)?.has(type === 'number' ? 'number' : type) ?? false)
      .filter(
        (choice) =>
          type !== 'object' ||
          Object.keys(value as object).every(
            (key) => choice.properties?.[key] !== undefined || choice.additionalProperties !== false,
          ),
      );
    if (fitting.length !== 1) return [{ path, value, schema: {}, namedFrom: unionAt ?? path, types }];
    schema = fitting[0]!;
  }
  const here: Site = { path, value, schema, namedFrom: unionAt ?? path, types };
  if (Array.isArray(value)) {
    const items = (index: number) =>
      schema.prefixItems?.[index] ?? (typeof schema.items === 'object' ? schema.items : undefined);
    return [
      here,
      ...value.flatMap((item, index) => sitesOf(item, items(index), root, [...path, index], unionAt)),
    ];
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    return [
      here,
      ...entries.flatMap(([key, item]) => {
        const extra =
          typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
        return sitesOf(item, schema.properties?.[key] ?? extra, root, [...path, key], unionAt);
      }),
    ];
  }
  return [here];
}

/** `value` with `replacement` at `path` (or the key removed when `replacement` is `remove`). */
const remove = Symbol('remove');
function replaceAt(value: unknown, path: Path, replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path;
  if (Array.isArray(value)) {
    const copy: unknown[] = [...(value as unknown[])];
    copy[head as number] = replaceAt(copy[head as number], rest, replacement);
    return copy;
  }
  const copy = { ...(value as Record<string, unknown>) };
  const next = replaceAt(copy[head as string], rest, replacement);
  if (next === remove) delete copy[head as string];
  else copy[head as string] = next;
  return copy;
}

/** A string that holds at least one character no service stores (NUL, a control, a lone surrogate). */
const refusedText = fc
  .tuple(fc.string({ maxLength: 6 }), fc.constantFrom(...refusedCharacters), fc.string({ maxLength: 6 }))
  .map(([before, char, after]) => `${before}${char}${after}`);

const unknownValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer(),
  fc.boolean(),
  fc.constant(null),
  fc.constant([]),
  fc.constant({}),
);

/** Numbers at the edges of what JSON and JavaScript carry. */
const edgeNumbers = [
  0,
  -0,
  -1,
  0.5,
  -0.5,
  1e-300,
  2 ** 31,
  2 ** 53,
  -(2 ** 53),
  2 ** 53 + 2,
  1e21,
  1e308,
  -1e308,
];

function breaksNumber(schema: JsonSchema, number: number): boolean {
  if (schema.type === 'integer' && !Number.isInteger(number)) return true;
  if (schema.minimum !== undefined && number < schema.minimum) return true;
  if (schema.maximum !== undefined && number > schema.maximum) return true;
  if (schema.exclusiveMinimum !== undefined && number <= schema.exclusiveMinimum) return true;
  if (schema.exclusiveMaximum !== undefined && number >= schema.exclusiveMaximum) return true;
  return false;
}

/**
 * `depth` arrays, or objects, each holding the next: a stand-in that `toJson` writes out, since
 * neither `JSON.stringify` nor a copy could walk that deep.
 */
export function nested(depth: number, shape: 'array' | 'object'): string {
  return `@@nested-${shape}-${depth}@@`;
}

/** `JSON.stringify`, with each `nested` stand-in written out as its nesting. */
export function toJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /"@@nested-(array|object)-(\d+)@@"/g,
    (_, shape: string, depth: string) => {
      const n = Number(depth);
      return shape === 'array'
        ? `${'['.repeat(n)}1${']'.repeat(n)}`
        : `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    },
  );
}

function ofAnotherType(types: Set<string>): fc.Arbitrary<unknown> {
  const others: fc.Arbitrary<unknown>[] = [];
  if (!types.has('string')) others.push(fc.constantFrom('1', '', 'true', 'null'));
  if (!types.has('number')) others.push(fc.constantFrom(1, 0, -1));
  if (!types.has('boolean')) others.push(fc.boolean());
  if (!types.has('null')) others.push(fc.constant(null));
  if (!types.has('array')) others.push(fc.constant([]), fc.constant(['x']));
  if (!types.has('object')) others.push(fc.constant({}), fc.constant({ a: 1 }));
  return fc.oneof(...others);
}

/** The ways one site can be broken. */
function mutationsAt(site: Site): fc.Arbitrary<Mutation>[] {
  const { path, value, schema, namedFrom, types } = site;
  const at = (kind: string, replacement: unknown, refused: boolean): Mutation => ({
    kind,
    value: replacement,
    offending: refused ? { path, namedFrom } : null,
  });
  const found: fc.Arbitrary<Mutation>[] = [];
  if (types) found.push(ofAnotherType(types).map((other) => at('another type', other, true)));
  // `{ a: { a: … } }` fits an object schema that has no other required field and strips unknown keys.
  const objectFits =
    types?.has('object') === true &&
    schema.additionalProperties !== false &&
    (schema.required ?? []).every((key) => key === 'a');
  found.push(
    fc
      .constantFrom(3, 200, 10_000, 100_000)
      .chain((depth) => fc.constantFrom(['array', depth] as const, ['object', depth] as const))
      .map(([shape, depth]) =>
        at(
          'deep nesting',
          nested(depth, shape),
          types !== null && (shape === 'array' ? !types.has('array') : !objectFits),
        ),
      ),
  );
  if (typeof value === 'string') {
    found.push(refusedText.map((text) => at('refused character', text, true)));
    // Odd but valid (U+FFFF, the BOM, bidi controls): kept or refused by the field's own rules, never a 5xx.
    found.push(
      fc
        .tuple(fc.constantFrom(...keptOddCharacters), fc.nat({ max: value.length }))
        .map(([char, at_]) =>
          at('odd valid character', `${value.slice(0, at_)}${char}${value.slice(at_)}`, false),
        ),
    );
    found.push(
      fc
        .constantFrom(20_000, 300_000)
        .map((length) => at('huge string', 'x'.repeat(length), (schema.maxLength ?? Infinity) < length)),
    );
    if ((schema.minLength ?? 0) > 0) found.push(fc.constant(at('empty string', '', true)));
  }
  if (typeof value === 'number')
    found.push(
      fc.constantFrom(...edgeNumbers).map((edge) => at('edge number', edge, breaksNumber(schema, edge))),
    );
  if (Array.isArray(value) && value.length > 0) {
    const first: unknown = value[0];
    found.push(
      fc.constant(
        at(
          'many items',
          Array.from({ length: 2000 }, () => first),
          (schema.maxItems ?? Infinity) < 2000,
        ),
      ),
    );
    if ((schema.minItems ?? 0) > 0) found.push(fc.constant(at('no items', [], true)));
  }
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const present = (schema.required ?? []).filter((key) => key in value && schema.default === undefined);
    const required = present.filter((key) => {
      const property = schema.properties?.[key];
      return property === undefined || property.default === undefined;
    });
    if (required.length > 0)
      found.push(
        fc.constantFrom(...required).map((key) => ({
          kind: 'missing field',
          value: replaceAt(value, [key], remove),
          // Named at the field itself, unless a union above can only speak for the whole.
          offending: { path: [...path, key], namedFrom: namedFrom === path ? [...path, key] : namedFrom },
        })),
      );
    const closed = schema.additionalProperties === false;
    found.push(
      fc
        .oneof(
          fc.constantFrom(...pollutingKeys),
          fc.tuple(
            fc.stringMatching(/^[a-z]{1,8}$/).map((key) => `x${key}`),
            unknownValue,
          ),
        )
        .map(([key, extra]) => {
          const copy: Record<string, unknown> = { ...(value as Record<string, unknown>) };
          Object.defineProperty(copy, key, {
            value: extra,
            enumerable: true,
            configurable: true,
            writable: true,
          });
          return { kind: `extra field ${key}`, value: copy, offending: closed ? { path, namedFrom } : null };
        }),
    );
  }
  return found;
}

/**
 * A valid value broken at one place beyond its contract: another type, a missing or unknown
 * field (`__proto__` too), refused characters, huge strings, deep nesting, numbers at the edges.
 */
export function mutationOf(valid: unknown, schema: JsonSchema, root: unknown): fc.Arbitrary<Mutation> {
  const sites = sitesOf(valid, schema, root, [], null);
  return fc
    .constantFrom(...sites)
    .chain((site) =>
      fc
        .oneof(...mutationsAt(site))
        .map((mutation) => ({ ...mutation, value: replaceAt(valid, site.path, mutation.value) })),
    );
}
