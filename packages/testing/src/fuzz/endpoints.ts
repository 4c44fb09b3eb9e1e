import fc from 'fast-check';
import { z } from 'zod';
import type { JsonSchema } from './json-schema.js';
import { mutationOf, nested, type Path, toJson } from './mutations.js';
import { type KnownValues, validValue } from './valid-values.js';

/** One HTTP request of a fuzz case, ready for `fetch` against the service's base URL. */
export interface FuzzRequest {
  method: string;
  /** Path and query string, percent-encoded. */
  target: string;
  headers: Record<string, string>;
  body?: string;
}

/** A request and what its answer must show besides "no 5xx, no stack trace". */
export interface FuzzCase {
  kind: string;
  request: FuzzRequest;
  /** The input broke the contract: a 2xx answer is a failure. */
  mustRefuse: boolean;
  /** Whether an issue path names the offending field; null when no field is at fault. */
  names: ((issuePath: string) => boolean) | null;
  /** What `names` looks for, for the failure message. */
  offending: string | null;
  /** A tRPC batch: which of its answers carries the case (the others are valid calls). */
  batchIndex?: number;
  /**
   * The input is an object of the schema's fields (valid, or broken below its root): a 400 or 422
   * refusing it must name at least one field, not only `(root)` or nothing.
   */
  fields?: boolean;
}

export interface Endpoint {
  name: string;
  cases: fc.Arbitrary<FuzzCase>;
}

/** A tRPC procedure as `ServiceApp['procedures']` lists it, with its input parsers. */
export interface FuzzProcedure {
  path: string;
  type: 'query' | 'mutation';
  inputs: readonly unknown[];
}

const identifier = /^[A-Za-z_$][\w$]*$/;

/** A path as the services write it in an issue (`lines[1].total`, `variant["tà"]`, `(root)`). */
export function toPointer(path: Path): string {
  const pointer = path.reduce<string>((written, segment) => {
    if (typeof segment === 'number') return `${written}[${segment}]`;
    if (!identifier.test(segment)) return `${written}[${JSON.stringify(segment)}]`;
    return written === '' ? segment : `${written}.${segment}`;
  }, '');
  return pointer === '' ? '(root)' : pointer;
}

/** An issue path on the way from `namedFrom` down to `path`, or below `path`. */
export function namesPath(path: Path, namedFrom: Path): (issuePath: string) => boolean {
  const chain = new Set<string>();
  for (let length = namedFrom.length; length <= path.length; length++)
    chain.add(toPointer(path.slice(0, length)));
  const site = toPointer(path);
  return (issuePath) =>
    chain.has(issuePath) ||
    site === '(root)' ||
    issuePath.startsWith(`${site}.`) ||
    issuePath.startsWith(`${site}[`);
}

/** The JSON Schema of a tRPC procedure's input: its zod parsers as a client sends them. */
export function inputSchemaOf(procedure: FuzzProcedure): JsonSchema | null {
  const parts = procedure.inputs
    .filter((input): input is z.ZodType => input instanceof z.ZodType)
    .map((input) => {
      const { $schema: _dialect, ...schema } = z.toJSONSchema(input, { io: 'input', unrepresentable: 'any' });
      return schema as JsonSchema;
    });
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : { allOf: parts };
}

const isFields = (input: unknown) =>
  input !== null && typeof input === 'object' && !Array.isArray(input) && Object.keys(input).length > 0;

const malformedJson = fc.constantFrom(
  '{',
  '{"a":',
  '[1,]',
  "{'a':1}",
  'nul',
  '{"a":1}}',
  '\u0000',
  '"\\ud800"x',
);

/**
 * Values from the schema, and half the time the endpoint's example (a fresh one each time): a
 * valid sale whose totals add up reaches rules a generated one never does.
 */
function withExample(
  generated: fc.Arbitrary<unknown>,
  example: (() => unknown) | undefined,
): fc.Arbitrary<unknown> {
  if (example === undefined) return generated;
  return fc.oneof(
    generated,
    fc.constant(null).map(() => example()),
  );
}

// ---------------------------------------------------------------- tRPC

function trpcRequest(procedure: FuzzProcedure, input: unknown, headers: Record<string, string>): FuzzRequest {
  const endpoint = `/trpc/${procedure.path}`;
  if (procedure.type === 'query')
    return {
      method: 'GET',
      target: input === undefined ? endpoint : `${endpoint}?input=${encodeURIComponent(toJson(input))}`,
      headers,
    };
  return {
    method: 'POST',
    target: endpoint,
    headers: { 'content-type': 'application/json', ...headers },
    ...(input !== undefined && { body: toJson(input) }),
  };
}

/** Several calls of one procedure in one request, each input given as its JSON text. */
function batchRequest(
  procedure: FuzzProcedure,
  inputs: string[],
  headers: Record<string, string>,
): FuzzRequest {
  const paths = inputs.map(() => procedure.path).join(',');
  const batch = `{${inputs.map((input, index) => `"${index}":${input}`).join(',')}}`;
  return procedure.type === 'query'
    ? { method: 'GET', target: `/trpc/${paths}?batch=1&input=${encodeURIComponent(batch)}`, headers }
    : {
        method: 'POST',
        target: `/trpc/${paths}?batch=1`,
        headers: { 'content-type': 'application/json', ...headers },
        body: batch,
      };
}

/** The cases of one procedure: valid inputs, inputs broken beyond the contract, broken requests, batches. */
export function trpcEndpoint(
  procedure: FuzzProcedure,
  headers: Record<string, string>,
  known: KnownValues = {},
  example?: () => unknown,
): Endpoint {
  const schema = inputSchemaOf(procedure);
  const valid = withExample(
    schema ? validValue(schema, { root: schema, known }) : fc.constant(undefined),
    example,
  );
  const plain = (kind: string, input: unknown): FuzzCase => ({
    kind,
    request: trpcRequest(procedure, input, headers),
    mustRefuse: false,
    names: null,
    offending: null,
  });
  const broken = schema
    ? valid
        .chain((value) => mutationOf(value, schema, schema))
        .map((mutation): FuzzCase => ({
          kind: mutation.kind,
          request: trpcRequest(procedure, mutation.value, headers),
          mustRefuse: mutation.offending !== null,
          names: mutation.offending && namesPath(mutation.offending.path, mutation.offending.namedFrom),
          offending: mutation.offending && toPointer(mutation.offending.path),
          fields: (mutation.offending?.path.length ?? 0) > 0,
        }))
    : fc.constant(plain('unexpected input', { a: nested(50, 'array') }));
  const malformed = malformedJson.map((text): FuzzCase => {
    const request = trpcRequest(procedure, undefined, headers);
    return {
      ...plain('malformed JSON', undefined),
      request:
        procedure.type === 'query'
          ? { ...request, target: `${request.target}?input=${encodeURIComponent(text)}` }
          : { ...request, body: text },
    };
  });
  const otherContentType = valid.map((input): FuzzCase => {
    const request = trpcRequest(procedure, input, headers);
    return {
      ...plain('another content type', input),
      request: { ...request, headers: { ...request.headers, 'content-type': 'text/plain' } },
    };
  });
  const wrongMethod = fc.constant<FuzzCase>({
    ...plain('wrong method', undefined),
    request: {
      method: procedure.type === 'query' ? 'POST' : 'GET',
      target: `/trpc/${procedure.path}`,
      headers: { 'content-type': 'application/json', ...headers },
      ...(procedure.type === 'query' && { body: '{}' }),
    },
  });
  const batch = fc.tuple(valid, broken).map(([good, bad]): FuzzCase => ({
    ...bad,
    kind: `batch: ${bad.kind}`,
    request: batchRequest(
      procedure,
      [toJson(good ?? null), bad.request.body ?? inputOfQuery(bad.request.target)],
      headers,
    ),
    batchIndex: 1,
  }));
  return {
    name: `tRPC ${procedure.type} ${procedure.path}`,
    cases: fc.oneof(
      { arbitrary: valid.map((input) => ({ ...plain('valid', input), fields: isFields(input) })), weight: 3 },
      { arbitrary: broken, weight: 8 },
      { arbitrary: malformed, weight: 1 },
      { arbitrary: otherContentType, weight: 1 },
      { arbitrary: wrongMethod, weight: 1 },
      { arbitrary: batch, weight: 1 },
    ),
  };
}

function inputOfQuery(target: string): string {
  const input = new URL(target, 'http://fuzz.invalid').searchParams.get('input');
  return input ?? 'null';
}

// ---------------------------------------------------------------- REST

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: JsonSchema;
}

interface Operation {
  parameters?: Parameter[];
  requestBody?: { required?: boolean; content?: Record<string, { schema?: JsonSchema }> };
  security?: Record<string, unknown>[];
}

/** The parts of a REST request a case fills: path and query parameters, headers, a JSON or form body. */
interface RestInput {
  params: Record<string, string>;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
}

const bodyKinds = ['application/json', 'application/x-www-form-urlencoded'] as const;

function restRequest(
  method: string,
  template: string,
  input: RestInput,
  mediaType: string | null,
  credentials: Record<string, string>,
): FuzzRequest {
  const path = template.replace(/\{([^}]+)\}/g, (_, name: string) =>
    percentEncoded(input.params[name] ?? ''),
  );
  const query = Object.entries(input.query)
    .map(([name, value]) => `${encodeURIComponent(name)}=${percentEncoded(value)}`)
    .join('&');
  const headers = { ...credentials, ...input.headers };
  if (mediaType === null || input.body === undefined)
    return { method: method.toUpperCase(), target: query ? `${path}?${query}` : path, headers };
  const body =
    mediaType === 'application/json'
      ? toJson(input.body)
      : Object.entries((input.body ?? {}) as Record<string, unknown>)
          .map(
            ([name, value]) =>
              `${encodeURIComponent(name)}=${percentEncoded(typeof value === 'string' ? value : JSON.stringify(value))}`,
          )
          .join('&');
  return {
    method: method.toUpperCase(),
    target: query ? `${path}?${query}` : path,
    headers: { 'content-type': mediaType, ...headers },
    body,
  };
}

/** Every UTF-8 byte as `%XX`: a lone surrogate arrives as U+FFFD, as any URL or form carries it. */
function percentEncoded(text: string): string {
  return [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
}

const junkParameter = fc.oneof(
  fc.constantFrom(
    '..',
    '%',
    '%zz',
    '../../etc/passwd',
    '',
    ' ',
    '0',
    '-1',
    'null',
    '[]',
    '{}',
    '__proto__',
    'x'.repeat(5000),
  ),
  fc.string({ maxLength: 20, unit: 'binary' }),
);

const refusedParameter = fc
  .tuple(fc.string({ maxLength: 4 }), fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\u0085'))
  .map(([text, control]) => `${text}${control}`);

/** The cases of one REST operation of an OpenAPI document. */
export function restEndpoint(
  document: unknown,
  method: string,
  template: string,
  operation: Operation,
  credentials: (schemes: readonly string[]) => Record<string, string>,
  known: KnownValues = {},
  example?: () => unknown,
): Endpoint {
  const options = { root: document, known };
  const parameters = operation.parameters ?? [];
  const byPlace = (place: Parameter['in']) => parameters.filter((parameter) => parameter.in === place);
  const parametersOf = (place: Parameter['in']) =>
    fc.record(
      Object.fromEntries(
        byPlace(place).map((parameter) => {
          const known = options.known[parameter.name];
          const generated = validValue(parameter.schema ?? { type: 'string' }, options).map(String);
          return [parameter.name, known?.length ? fc.constantFrom(...known.map(String)) : generated];
        }),
      ),
      {
        requiredKeys: byPlace(place)
          .filter((p) => p.required || place === 'path')
          .map((p) => p.name),
      },
    ) as fc.Arbitrary<Record<string, string>>;
  const content = operation.requestBody?.content ?? {};
  const mediaType = bodyKinds.find((kind) => content[kind] !== undefined) ?? null;
  const bodySchema = mediaType ? (content[mediaType]?.schema ?? {}) : null;
  const schemes = (operation.security ?? []).flatMap((requirement) => Object.keys(requirement));
  const auth = credentials(schemes);
  const validInput: fc.Arbitrary<RestInput> = fc.record({
    params: parametersOf('path'),
    query: parametersOf('query'),
    headers: parametersOf('header'),
    body: bodySchema ? withExample(validValue(bodySchema, options), example) : fc.constant(undefined),
  });
  const request = (input: RestInput, type = mediaType) => restRequest(method, template, input, type, auth);
  const plain = (kind: string, input: RestInput, type = mediaType): FuzzCase => ({
    kind,
    request: request(input, type),
    mustRefuse: false,
    names: null,
    offending: null,
  });
  const arbitraries: { arbitrary: fc.Arbitrary<FuzzCase>; weight: number }[] = [
    {
      arbitrary: validInput.map((input) => ({ ...plain('valid', input), fields: isFields(input.body) })),
      weight: 3,
    },
  ];
  const urlParameters = [...byPlace('path'), ...byPlace('query')];
  if (urlParameters.length > 0) {
    const parameter = fc.constantFrom(...urlParameters);
    arbitraries.push({
      weight: 2,
      arbitrary: fc
        .tuple(validInput, parameter, refusedParameter)
        .map(([input, { name, in: place }, text]): FuzzCase => {
          const changed =
            place === 'path'
              ? { ...input, params: { ...input.params, [name]: text } }
              : { ...input, query: { ...input.query, [name]: text } };
          return {
            kind: `refused character in the ${place}`,
            request: request(changed),
            mustRefuse: true,
            // The URL check names the part (`path`) or the query's key (`query.<name>`).
            names: (issuePath) =>
              issuePath === place || issuePath.startsWith(`${place}.`) || issuePath.includes(name),
            offending: `${place} ${name}`,
          };
        }),
    });
    arbitraries.push({
      weight: 2,
      arbitrary: fc
        .tuple(validInput, parameter, junkParameter)
        .map(([input, { name, in: place }, text]) =>
          plain(
            `odd ${place} parameter`,
            place === 'path'
              ? { ...input, params: { ...input.params, [name]: text } }
              : { ...input, query: { ...input.query, [name]: text } },
          ),
        ),
    });
  }
  arbitraries.push({
    weight: 1,
    arbitrary: fc
      .tuple(
        validInput,
        fc.dictionary(fc.constantFrom('__proto__', 'constructor', 'x', 'input', 'tenantId'), junkParameter, {
          maxKeys: 2,
        }),
      )
      .map(([input, extra]) =>
        plain('extra query parameters', { ...input, query: { ...extra, ...input.query } }),
      ),
  });
  if (bodySchema) {
    arbitraries.push({
      weight: 8,
      arbitrary: validInput.chain((input) =>
        mutationOf(input.body, bodySchema, document).map((mutation): FuzzCase => ({
          kind: mutation.kind,
          request: request({ ...input, body: mutation.value }),
          mustRefuse: mutation.offending !== null,
          names: mutation.offending && namesPath(mutation.offending.path, mutation.offending.namedFrom),
          offending: mutation.offending && toPointer(mutation.offending.path),
          fields: (mutation.offending?.path.length ?? 0) > 0,
        })),
      ),
    });
    arbitraries.push({
      weight: 1,
      arbitrary: fc.tuple(validInput, malformedJson).map(([input, text]): FuzzCase => {
        const base = request(input);
        return { ...plain('malformed body', input), request: { ...base, body: text } };
      }),
    });
    arbitraries.push({
      weight: 1,
      arbitrary: fc
        .tuple(
          validInput,
          fc.constantFrom(
            'text/plain',
            'application/xml',
            'multipart/form-data',
            'application/json; charset=latin1',
            'application/x-www-form-urlencoded',
            'application/json',
          ),
        )
        .map(([input, type]) => {
          const base = request(input);
          return {
            ...plain(`body as ${type}`, input),
            request: { ...base, headers: { ...base.headers, 'content-type': type } },
          };
        }),
    });
  }
  return { name: `${method.toUpperCase()} ${template}`, cases: fc.oneof(...arbitraries) };
}

const methods = ['get', 'post', 'put', 'patch', 'delete'] as const;

/** Every operation of an OpenAPI document as a fuzzed endpoint. */
export function restEndpoints(
  document: { paths?: Record<string, Record<string, Operation>> },
  credentials: (schemes: readonly string[]) => Record<string, string>,
  known: KnownValues = {},
  examples: Readonly<Record<string, () => unknown>> = {},
): Endpoint[] {
  return Object.entries(document.paths ?? {}).flatMap(([template, item]) =>
    methods
      .filter((method) => item[method] !== undefined)
      .map((method) =>
        restEndpoint(
          document,
          method,
          template,
          item[method]!,
          credentials,
          known,
          examples[`${method.toUpperCase()} ${template}`],
        ),
      ),
  );
}
