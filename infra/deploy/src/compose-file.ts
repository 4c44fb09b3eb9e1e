import { createHash } from 'node:crypto';
import type { ErrorObject } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import ajvFormats from 'ajv-formats';
import { parse } from 'yaml';
import { readRepoFile } from './repo.js';

// CommonJS: a default import is module.exports, whose `default` is the plugin.
const addFormats = ajvFormats.default;

export const COMPOSE_FILE = ['infra', 'compose', 'compose.yaml'] as const;

/** The parts of a compose service the cross-checks read; the schema covers the rest. */
export interface ComposeService {
  image?: string;
  build?: { context: string; dockerfile?: string; args?: Record<string, string> };
  command?: string | string[];
  environment?: Record<string, string | number | boolean | null>;
  env_file?: string | string[];
  healthcheck?: { test?: string | string[]; disable?: boolean };
  depends_on?: Record<string, { condition: string }>;
  restart?: string;
  ports?: string[];
  read_only?: boolean;
  cap_drop?: string[];
  stop_grace_period?: string;
}

export interface ComposeFile {
  name?: string;
  services: Record<string, ComposeService>;
  volumes?: Record<string, unknown>;
}

/** As Docker Compose reads it: YAML merge keys (`<<: *service`) resolved before validation. */
export function parseCompose(text: string): ComposeFile {
  return parse(text, { merge: true }) as ComposeFile;
}

export const readCompose = (): ComposeFile => parseCompose(readRepoFile(...COMPOSE_FILE));

const schemaText = readRepoFile('infra', 'deploy', 'schemas', 'compose-spec.json');

/** sha256 of the vendored schema's canonical JSON, as recorded in schemas/README.md. */
export const composeSchemaDigest = (): string =>
  createHash('sha256')
    .update(JSON.stringify(JSON.parse(schemaText)))
    .digest('hex');

const validate = (() => {
  // strict: false because the spec uses annotations ajv does not know (e.g. `deprecated` notes).
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  addFormats(ajv);
  return ajv.compile(JSON.parse(schemaText) as object);
})();

/** Schema errors as `path: message` lines; empty when the file is valid. */
export function composeSchemaErrors(compose: unknown): string[] {
  if (validate(compose)) return [];
  return (validate.errors ?? []).map(
    (error: ErrorObject) => `${error.instancePath || '/'}: ${error.message ?? ''}`,
  );
}
