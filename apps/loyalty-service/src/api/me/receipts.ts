import { AppError, type InputIssue } from '@scontrino/errors';
import { TRPCClientError } from '@trpc/client';
import { z } from 'zod';
import type { ReceiptsClient } from '../../clients/receipt-service.js';
import type { LoyaltyDeps } from '../../use-cases/loyalty-deps.js';
import { receiptIdentifiers, sessionMember } from '../../use-cases/member-app.js';
import type { memberProcedure } from '../member-procedure.js';

export const receiptsInput = z.object({
  cursor: z.string().max(200).optional(),
  limit: z.number().int().min(1).max(50).default(20),
});

/**
 * `me.receipts`: the member's receipts from the receipt service, found by the member's card and
 * email hashes (never sent in clear), newest first, a page at a time.
 */
export function receiptsProcedure(
  deps: LoyaltyDeps,
  receipts: ReceiptsClient,
  procedure: ReturnType<typeof memberProcedure>,
) {
  return procedure.input(receiptsInput).query(async ({ ctx, input }) => {
    const identifiers = receiptIdentifiers(await sessionMember(deps, ctx.session));
    if (identifiers.length === 0) return { receipts: [], nextCursor: null };
    try {
      return await receipts.listForCustomer({
        identifiers,
        limit: input.limit,
        ...(input.cursor && { cursor: input.cursor }),
      });
    } catch (error) {
      // The receipt service's own refusals (a cursor it did not issue) pass through, with its
      // issues about the member's own fields (cursor, limit); an outage is a 503.
      const data =
        error instanceof TRPCClientError
          ? (error.data as { httpStatus?: unknown; issues?: unknown } | undefined)
          : undefined;
      const status = data?.httpStatus;
      if (typeof status === 'number' && status < 500)
        throw new AppError('receipts.refused', error instanceof Error ? error.message : 'refused', {
          kind: 'invalid',
          issues: memberIssues(data?.issues),
          cause: error,
        });
      throw new AppError('receipts.unavailable', 'Receipts cannot be read right now; try again', {
        kind: 'unavailable',
        cause: error,
      });
    }
  });
}

/** Of the receipt service's issues, those about a field the member sent (`cursor`, `limit`). */
function memberIssues(issues: unknown): InputIssue[] {
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (issue): issue is InputIssue =>
      typeof issue === 'object' &&
      issue !== null &&
      typeof (issue as InputIssue).path === 'string' &&
      typeof (issue as InputIssue).code === 'string' &&
      typeof (issue as InputIssue).message === 'string' &&
      ['cursor', 'limit'].includes((issue as InputIssue).path),
  );
}
