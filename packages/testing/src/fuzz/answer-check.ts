import type { FuzzCase } from './endpoints.js';
import { POLLUTION_MARK } from './mutations.js';

/** An answer as the fuzz reads it. */
export interface Answer {
  status: number;
  contentType: string;
  text: string;
}

/** What gives away the server's insides: a stack frame, a file of the code, Node's internals. */
const leaks: [RegExp, string][] = [
  [/^\s*at\s+\S.*(:\d+:\d+|\(native\)|<anonymous>)/m, 'a stack frame'],
  [/\bnode:internal\b|\bnode_modules\b/, 'an internal module path'],
  [/file:\/\/\//, 'a file URL'],
  [/\/(?:work|home|root|usr|app|srv|tmp|var|opt)\/[\w.-]+\//, 'a server path'],
  [/\.(?:ts|js|mjs):\d+/, 'a source file and line'],
  [
    /\b(?:TypeError|ReferenceError|RangeError|SyntaxError|MongoServerError|MongooseError|CastError|ValidationError)\b/,
    'an exception name',
  ],
];

interface ErrorItem {
  status: number;
  issues: { path: string }[] | null;
}

/** The errors an answer carries: a REST `{ error }`, a tRPC `{ error }`, or each of a batch's answers. */
function errorsOf(answer: Answer, batchIndex: number | undefined): ErrorItem[] | null {
  if (!answer.contentType.includes('json')) return null;
  let body: unknown;
  try {
    body = JSON.parse(answer.text);
  } catch {
    return null;
  }
  const items = Array.isArray(body) ? (batchIndex === undefined ? body : [body[batchIndex]]) : [body];
  return items.flatMap((item): ErrorItem[] => {
    const error = (
      item as { error?: { issues?: unknown; data?: { httpStatus?: number; issues?: unknown } } } | undefined
    )?.error;
    if (!error) return [];
    const issues = (error.issues ?? error.data?.issues) as { path: string }[] | undefined;
    return [
      { status: error.data?.httpStatus ?? answer.status, issues: Array.isArray(issues) ? issues : null },
    ];
  });
}

function safelyDecoded(target: string): string {
  try {
    return decodeURIComponent(target);
  } catch {
    return target;
  }
}

/** Every way an answer breaks the promises to a caller; empty when it keeps them all. */
export function problemsOf(fuzzCase: FuzzCase, answer: Answer): string[] {
  const problems: string[] = [];
  const errors = errorsOf(answer, fuzzCase.batchIndex);
  const statuses =
    errors && fuzzCase.batchIndex !== undefined ? errors.map((e) => e.status) : [answer.status];
  if (statuses.some((status) => status >= 500) || answer.status >= 500)
    problems.push(`answered ${answer.status}${statuses.length > 1 ? ` (${statuses.join(', ')})` : ''}`);
  const sent = `${safelyDecoded(fuzzCase.request.target)} ${fuzzCase.request.body ?? ''}`;
  for (const [pattern, what] of leaks) {
    const found = pattern.exec(answer.text);
    // Text the request sent, echoed back (an id, a rejected value), is not a leak.
    if (found && !sent.includes(found[0]))
      problems.push(`the body shows ${what}: ${JSON.stringify(found[0].slice(0, 120))}`);
  }
  if ((Object.prototype as Record<string, unknown>)[POLLUTION_MARK] !== undefined) {
    delete (Object.prototype as Record<string, unknown>)[POLLUTION_MARK];
    problems.push('Object.prototype was polluted');
  }
  const refusedStatus = fuzzCase.batchIndex !== undefined && errors?.[0] ? errors[0].status : answer.status;
  const accepted =
    fuzzCase.batchIndex !== undefined ? errors !== null && errors.length === 0 : answer.status < 400;
  if (fuzzCase.mustRefuse && accepted) problems.push(`accepted an input broken at ${fuzzCase.offending}`);
  if (fuzzCase.names && (refusedStatus === 400 || refusedStatus === 422) && errors !== null) {
    const issues = errors.flatMap((error) => error.issues ?? []);
    if (!issues.some((issue) => fuzzCase.names!(issue.path)))
      problems.push(
        `refused with ${refusedStatus} without naming ${fuzzCase.offending}: issues ${JSON.stringify(issues.map((issue) => issue.path))}`,
      );
  }
  if (fuzzCase.fields && (refusedStatus === 400 || refusedStatus === 422) && errors !== null) {
    const paths = errors.flatMap((error) => error.issues ?? []).map((issue) => issue.path);
    if (!paths.some((path) => path !== '(root)'))
      problems.push(`refused with ${refusedStatus} naming no field: issues ${JSON.stringify(paths)}`);
  }
  return problems;
}
