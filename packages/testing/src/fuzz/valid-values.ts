import fc from 'fast-check';
import { type JsonSchema, mergeAllOf, resolveRef } from './json-schema.js';

/**
 * Values a field may take whatever schema it has, keyed by the field's name: a tenant, a till's
 * key, a store that exists. Valid values of the right name reach the checks behind the schema
 * (a tenant's scope, a known key) instead of stopping at the first look-up.
 */
export type KnownValues = Readonly<Record<string, readonly unknown[]>>;

export interface ValueOptions {
  /** The document `$ref`s resolve in (the OpenAPI document, or the schema itself). */
  root: unknown;
  known?: KnownValues;
}

const MAX_DEPTH = 8;

const isoDate = fc
  .date({ min: new Date('2024-01-01T00:00:00Z'), max: new Date('2026-12-31T00:00:00Z'), noInvalidDate: true })
  .map((date) => date.toISOString());

function formatted(format: string): fc.Arbitrary<string> | null {
  switch (format) {
    case 'email':
      return fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/).map((local) => `${local}@example.com`);
    case 'date-time':
      return isoDate;
    case 'date':
      return isoDate.map((iso) => iso.slice(0, 10));
    case 'uuid':
      return fc.uuid();
    case 'uri':
    case 'url':
      return fc.stringMatching(/^[a-z]{1,8}$/).map((path) => `https://example.com/${path}`);
    default:
      return null;
  }
}

function stringOf(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? minLength + 16, minLength + 40));
  const byFormat = schema.format ? formatted(schema.format) : null;
  if (byFormat) return byFormat;
  if (schema.pattern) {
    try {
      return fc
        .stringMatching(new RegExp(schema.pattern, 'u'))
        .filter((text) => text.length >= minLength && text.length <= (schema.maxLength ?? Infinity));
    } catch {
      // A pattern fast-check cannot generate from: plain text, which the service may refuse.
    }
  }
  return fc.string({ minLength, maxLength, unit: 'grapheme-ascii' });
}

function numberOf(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const low =
    schema.minimum ??
    (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : 1e-6) : -1000);
  const high =
    schema.maximum ??
    (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : 1e-6) : low + 100_000);
  const min = Math.max(low, Number.MIN_SAFE_INTEGER);
  const max = Math.max(min, Math.min(high, Number.MAX_SAFE_INTEGER));
  if (integer) return fc.integer({ min: Math.ceil(min), max: Math.floor(max) });
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

function objectOf(schema: JsonSchema, options: ValueOptions, depth: number): fc.Arbitrary<unknown> {
  const properties = schema.properties ?? {};
  const required = new Set(schema.required ?? []);
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [name, property] of Object.entries(properties)) {
    // Past the depth limit only what is required is built: recursive schemas end.
    if (depth >= MAX_DEPTH && !required.has(name)) continue;
    const generated = validValue(property, options, depth + 1);
    const known = options.known?.[name];
    model[name] = known?.length
      ? fc.oneof({ arbitrary: fc.constantFrom(...known), weight: 4 }, generated)
      : generated;
  }
  const fixed = fc.record(model, { requiredKeys: Object.keys(model).filter((name) => required.has(name)) });
  const extra = schema.additionalProperties;
  if (extra === undefined || typeof extra === 'boolean' || Object.keys(properties).length > 0) return fixed;
  const keys = schema.propertyNames
    ? (validValue(schema.propertyNames, options, depth + 1) as fc.Arbitrary<string>)
    : fc.stringMatching(/^[a-z][a-zA-Z]{0,9}$/);
  const entries = fc.dictionary(keys, validValue(extra, options, depth + 1), { maxKeys: 3 });
  return fc.tuple(fixed, entries).map(([own, more]) => ({ ...more, ...(own as object) }));
}

/** Values a JSON Schema accepts (as far as it says: a service's own rules may still refuse them). */
export function validValue(
  input: JsonSchema | boolean,
  options: ValueOptions,
  depth = 0,
): fc.Arbitrary<unknown> {
  if (typeof input === 'boolean') return fc.constant('x');
  const schema = mergeAllOf(resolveRef(input, options.root), options.root);
  if (depth > MAX_DEPTH + 4) return fc.constant(null);
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.enum?.length) return fc.constantFrom(...schema.enum);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) {
    const { anyOf: _any, oneOf: _one, ...shared } = schema;
    return fc.oneof(...choices.map((choice) => validValue({ ...shared, ...choice }, options, depth + 1)));
  }
  const type = Array.isArray(schema.type)
    ? (schema.type[0] ?? 'unknown')
    : (schema.type ?? (schema.properties ? 'object' : 'unknown'));
  switch (type) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return numberOf(schema, true);
    case 'number':
      return numberOf(schema, schema.multipleOf !== undefined && Number.isInteger(schema.multipleOf));
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array': {
      if (schema.prefixItems)
        return fc.tuple(...schema.prefixItems.map((item) => validValue(item, options, depth + 1)));
      const minLength = schema.minItems ?? 0;
      const maxLength = Math.max(minLength, Math.min(schema.maxItems ?? minLength + 3, minLength + 3));
      return fc.array(validValue(schema.items ?? {}, options, depth + 1), { minLength, maxLength });
    }
    case 'object':
      return objectOf(schema, options, depth);
    default:
      // No type said (zod's `unknown`, `any`, or what JSON Schema cannot express): a little of everything.
      return fc.oneof(fc.string({ maxLength: 8 }), fc.integer(), fc.boolean(), fc.constant(null));
  }
}
