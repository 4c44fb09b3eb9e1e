import { redactPath } from '../pos/card-numbers.js';
import { type IssuePath, toPointer } from '../pos/issues.js';

/** Control characters (C0, DEL, C1) other than tab, newline and carriage return. */
export const CONTROL_IN_TEXT = /[^\P{Cc}\t\n\r]/u;
/** With the `u` flag a paired surrogate is one code point, so only a lone one is in Cs. */
export const LONE_SURROGATE = /\p{Cs}/u;
/** Any control character. */
export const CONTROL = /\p{Cc}/u;

export type UnsafeTextCode = 'lone_surrogate' | 'control_character';

/** A string of a request that no service takes, located by its path in the input. */
export interface UnsafeTextIssue {
  path: IssuePath;
  /** `path` as a JSON accessor (`lines[0].name`), `(root)` for the input itself. */
  pointer: string;
  code: UnsafeTextCode;
  message: string;
}

const codePoint = (char: string) =>
  `U+${(char.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;

/**
 * Why `text` is not text every service can store and show, or null when it is. Refused: lone
 * surrogates (UTF-8 cannot carry them, so they would come back as U+FFFD or break a driver) and
 * control characters other than tab, line feed and carriage return (PostgreSQL refuses NUL,
 * terminals and mail clients act on the others). Kept: every other code point, noncharacters
 * such as U+FFFF, the byte order mark and bidirectional controls included; they are valid
 * Unicode, and the renderers show them as sent.
 */
export function unsafeTextIn(text: string): { code: UnsafeTextCode; message: string } | null {
  const surrogate = LONE_SURROGATE.exec(text);
  if (surrogate)
    return {
      code: 'lone_surrogate',
      message: `holds a lone surrogate (${codePoint(surrogate[0])}): text must be well-formed Unicode`,
    };
  const control = CONTROL_IN_TEXT.exec(text);
  if (control)
    return {
      code: 'control_character',
      message: `holds the control character ${codePoint(control[0])}; only tab and line breaks are allowed`,
    };
  return null;
}

interface Pending {
  value: unknown;
  parent: Pending | null;
  key: string | number | null;
}

/** Longer paths are cut (ending in `…`): an answer naming a path must stay small. */
export const MAX_PATH_SEGMENTS = 32;

function pathOf(node: Pending): IssuePath {
  const path: IssuePath = [];
  for (let at: Pending | null = node; at?.key != null; at = at.parent) path.push(at.key);
  path.reverse();
  return redactPath(path.length > MAX_PATH_SEGMENTS ? [...path.slice(0, MAX_PATH_SEGMENTS), '…'] : path);
}

/**
 * Every string of `value` (values and object keys, at any depth) that {@link unsafeTextIn}
 * refuses, at most `limit` of them. Paths are built only for what is found, so a deeply nested
 * input costs one visit per node.
 */
export function findUnsafeText(value: unknown, limit = 20): UnsafeTextIssue[] {
  const issues: UnsafeTextIssue[] = [];
  const report = (node: Pending, found: { code: UnsafeTextCode; message: string }, what = '') => {
    const path = pathOf(node);
    issues.push({ path, pointer: toPointer(path), code: found.code, message: `${what}${found.message}` });
  };
  const visited = new Set<object>();
  // An explicit stack: a hostile input may nest deeper than the call stack allows.
  const pending: Pending[] = [{ value, parent: null, key: null }];
  for (let node = pending.pop(); node !== undefined && issues.length < limit; node = pending.pop()) {
    const badKey = typeof node.key === 'string' ? unsafeTextIn(node.key) : null;
    if (badKey) report(node, badKey, 'this key ');
    const current = node.value;
    if (typeof current === 'string') {
      const found = unsafeTextIn(current);
      if (found) report(node, found);
      continue;
    }
    if (typeof current !== 'object' || current === null || visited.has(current)) continue;
    visited.add(current);
    const entries: [string | number, unknown][] = Array.isArray(current)
      ? current.map((child, index): [number, unknown] => [index, child])
      : Object.entries(current);
    for (let index = entries.length - 1; index >= 0; index--) {
      const [key, child] = entries[index] as [string | number, unknown];
      pending.push({ value: child, parent: node, key });
    }
  }
  return issues.slice(0, limit);
}
