import { createHash } from 'node:crypto';

export function sha256Hex(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

/**
 * JSON with object keys sorted at every level, so two bodies that differ only in key order or
 * whitespace read the same. Recursive: call it on validated payloads, whose depth the schema bounds.
 */
export function canonicalJson(value: unknown): string {
  // Plain loops rather than entries/filter/map: this runs over every sale at the till.
  if (Array.isArray(value)) {
    let out = '[';
    for (let index = 0; index < value.length; index++) {
      if (index > 0) out += ',';
      if (index in value) out += canonicalJson(value[index]);
    }
    return `${out}]`;
  }
  if (typeof value === 'object' && value !== null) {
    const record = value as Record<string, unknown>;
    // The default sort compares UTF-16 code units, as `<` does.
    const keys = Object.keys(record).sort();
    let out = '{';
    for (const key of keys) {
      const child = record[key];
      if (child === undefined) continue;
      if (out.length > 1) out += ',';
      out += `${JSON.stringify(key)}:${canonicalJson(child)}`;
    }
    return `${out}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** What decides whether two requests carry "the same body" for idempotency. */
export function requestHash(payload: unknown): string {
  return sha256Hex(canonicalJson(payload));
}
