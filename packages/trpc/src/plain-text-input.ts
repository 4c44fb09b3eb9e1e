import { findUnsafeText } from '@scontrino/contracts';
import { AppError } from '@scontrino/errors';

/**
 * The refusal of an input holding text no service stores (NUL and other control characters,
 * lone surrogates; see `unsafeTextIn`), or null when its text is fine. One rule for every tRPC
 * procedure and REST route, checked before any schema or handler runs, so nothing reaches a
 * store that the database would answer with a 5xx. `where` names the part of a REST request
 * (`query`, `path`) in front of each path; a body's paths are its own, as for tRPC.
 */
export function unsafeTextError(input: unknown, where?: string): AppError | null {
  const found = findUnsafeText(input);
  if (found.length === 0) return null;
  const issues = found.map(({ pointer, code, message }) => ({
    path: where === undefined ? pointer : pointer === '(root)' ? where : `${where}.${pointer}`,
    code,
    message,
  }));
  return new AppError(
    'request.invalid_text',
    'Text must be well-formed Unicode without control characters other than tab and line breaks',
    { kind: 'invalid', issues },
  );
}
