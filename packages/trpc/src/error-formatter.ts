import { toPointer } from '@scontrino/contracts';
import type { TRPCError } from '@trpc/server';
import type { DefaultErrorShape } from '@trpc/server/unstable-core-do-not-import';
import { ZodError } from 'zod';
import { AppError, type InputIssue } from '@scontrino/errors';

export interface ErrorData {
  /** The service's own error code, e.g. `receipt.not_found`, when there is one. */
  appCode: string | null;
  /** Every input problem by path; empty when the error is not about the input. */
  issues: InputIssue[];
  requestId: string | null;
}

export function issuesFromZod(error: ZodError): InputIssue[] {
  return error.issues.map((issue) => ({
    path: toPointer(issue.path.map((segment) => (typeof segment === 'symbol' ? String(segment) : segment))),
    code: issue.code,
    message: issue.message,
  }));
}

/**
 * Turns zod input errors into per-path issues and exposes an AppError's own code. The message and
 * stack of an unexpected error stay in the server's log (tRPC's onError), never in the answer.
 */
export function formatError(
  shape: DefaultErrorShape,
  error: TRPCError,
  requestId: string | null,
): DefaultErrorShape & { data: ErrorData } {
  const cause = error.cause;
  const appError = cause instanceof AppError ? (cause as AppError) : null;
  const zodError = cause instanceof ZodError ? cause : null;
  const unexpected = error.code === 'INTERNAL_SERVER_ERROR' && appError === null;
  const message = zodError ? 'Invalid input' : unexpected ? 'Internal error' : shape.message;
  const issues = zodError ? issuesFromZod(zodError) : appError ? [...appError.issues] : [];
  const { stack: _stack, ...data } = shape.data;
  return { ...shape, message, data: { ...data, appCode: appError?.code ?? null, issues, requestId } };
}
