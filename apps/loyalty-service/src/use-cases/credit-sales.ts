import type { SaleCredit, TransactionRecordedPayload } from '@scontrino/contracts';
import { withCorrelationId } from '@scontrino/queue';
import { namesCard, saleCreditedEvent } from '../domain/events/sale-credited.js';
import { earnKey } from '../domain/ledger/earn.js';
import type { AppendRequest, AppendResult } from '../store/ledger.js';
import type { Member } from '../store/members.js';
import { earnRequest, memberOfSale, settleEarn } from './earn-sale.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { reversalOf, reverseReturn, settleReversal } from './reverse-return.js';

/** A recorded sale or return, with the request it came from (what its `sale.credited` carries on). */
export interface TransactionToCredit {
  sale: TransactionRecordedPayload;
  correlationId?: string;
}

export type CreditOutcome = SaleCredit | null | Error;

/** Reads in flight at once for one batch: a share of the database's connections, not all of them. */
const READS_IN_FLIGHT = 4;

/**
 * `creditSale` for the transactions the inbox hands over together, with the outcome each would
 * have alone, in fewer commands: the archived copies in one `insertMany`, the earns in one
 * `appendAll` (one read of each member's folded ledger, one insert of the entries, the folded
 * ledgers written back a few per command), the returns likewise after the sales (a sale and its
 * return in one batch: the return finds the earn).
 *
 * The archived copy (`_id` = the sale id, one `transaction.recorded` per sale) is also how a
 * replay is told from a first delivery, so the inbox keeps no `processed_events` record of these
 * events: a copy inserted now means nothing of this sale can be in the ledger yet (a claim or a
 * return of it waits for the copy), so it is written at once; a copy there already means the sale
 * came before, maybe halfway through (a crash, a failed batch), and its earn (or reversal) is
 * appended alone, idempotent by the ledger's business keys, with the member this batch looked up
 * (`creditSale`'s way without its second look-up and second copy). An `Error` in place of an outcome fails that
 * transaction alone (its event is retried).
 */
export async function creditSales(
  deps: LoyaltyDeps,
  items: readonly TransactionToCredit[],
): Promise<CreditOutcome[]> {
  const outcomes: (CreditOutcome | undefined)[] = items.map(() => undefined);
  const fail = (index: number, error: unknown) => {
    outcomes[index] = error instanceof Error ? error : new Error(String(error));
  };

  // Who made each sale, and under which program: cards are looked up once per batch.
  const members = new Map<string, Promise<Member | null>>();
  const memberOf = (sale: TransactionRecordedPayload) => {
    const key = `${sale.tenantId}\n${sale.identifiers.map((identifier) => identifier.hash).join('\n')}`;
    const known = members.get(key) ?? memberOfSale(deps, sale);
    members.set(key, known);
    return known;
  };
  const earns = new Map<number, { member: Member; request: AppendRequest }>();
  const archive: { index: number; events: ReturnType<typeof saleCreditedEvent>[] }[] = [];
  await inSlices(items, async ({ sale, correlationId }, index) => {
    try {
      if (sale.type === 'return') {
        archive.push({ index, events: [] });
        return;
      }
      const tells = namesCard(sale);
      const member = await memberOf(sale);
      const program = member ? await deps.programs.inForceAt(sale.tenantId, new Date(sale.occurredAt)) : null;
      if (!member || !program) {
        const outcome = member ? 'no_program' : 'not_a_member';
        const told = {
          ...saleCreditedEvent(sale, { outcome }, deps.clock()),
          ...(correlationId && { correlationId }),
        };
        archive.push({ index, events: tells ? [told] : [] });
        return;
      }
      const current = await deps.programs.current(sale.tenantId);
      const context = { member, program, current, tells, via: 'card' as const };
      earns.set(index, {
        member,
        request: earnRequest(sale, { ...context, ...(correlationId && { correlationId }) }),
      });
      archive.push({ index, events: [] });
    } catch (error) {
      fail(index, error);
    }
  });

  // The archived copies, each with the `sale.credited` of a card sale nobody earned on.
  archive.sort((a, b) => a.index - b.index);
  const recorded = await deps.sales.recordAll(
    archive.map(({ index, events }) => ({ sale: items[index]!.sale, events })),
  );
  const again: number[] = [];
  const returns: number[] = [];
  archive.forEach(({ index }, i) => {
    const outcome = recorded[i];
    if (outcome instanceof Error) fail(index, outcome);
    else if (outcome === 'duplicate') again.push(index);
    else if (items[index]!.sale.type === 'return') returns.push(index);
    else if (!earns.has(index)) outcomes[index] = null;
  });

  // Sales seen for the first time earn together.
  const fresh = [...earns].filter(([index]) => outcomes[index] === undefined && !again.includes(index));
  const written = await deps.store.ledger.appendAll(fresh.map(([, earn]) => earn.request));
  await inSlices(fresh, async ([index, { member }], i) => {
    try {
      const result = written[i]!;
      if (result instanceof Error) throw result;
      outcomes[index] = await settleEarn(deps, member, result);
    } catch (error) {
      fail(index, error);
    }
  });

  // Returns seen for the first time, once their sales are in: reversed together where the earn is
  // there, alone (`reverseReturn`, which waits for a sale not yet come) where it is not.
  const reversals: { index: number; holder: Member; request: AppendRequest }[] = [];
  await inSlices(returns, async (index) => {
    const { sale, correlationId } = items[index]!;
    try {
      const earn = sale.original ? await deps.store.ledger.byBusinessKey(earnKey(sale.original.id)) : null;
      if (!sale.original) outcomes[index] = null;
      else if (!earn) outcomes[index] = await alone(correlationId, () => reverseReturn(deps, sale));
      else {
        const reversal = await reversalOf(deps, sale, earn);
        if (reversal) reversals.push({ index, ...reversal });
        else outcomes[index] = null;
      }
    } catch (error) {
      fail(index, error);
    }
  });
  reversals.sort((a, b) => a.index - b.index);
  const reversed: (AppendResult | Error)[] = await deps.store.ledger.appendAll(
    reversals.map(({ request }) => request),
  );
  await inSlices(reversals, async ({ index, holder }, i) => {
    try {
      const result = reversed[i]!;
      if (result instanceof Error) throw result;
      outcomes[index] = await settleReversal(deps, holder, result);
    } catch (error) {
      fail(index, error);
    }
  });

  // Seen before: idempotent by the ledger's business keys, with what this batch knows already
  // (the copy is kept, the member was looked up): no second look-up and no second copy.
  await inSlices(again, async (index) => {
    const { sale, correlationId } = items[index]!;
    try {
      const earn = earns.get(index);
      if (sale.type === 'return')
        outcomes[index] = await alone(correlationId, () => reverseReturn(deps, sale));
      else if (earn)
        outcomes[index] = await alone(correlationId, async () =>
          settleEarn(
            deps,
            earn.member,
            await deps.store.ledger.append(earn.member.id, earn.request.decide, earn.request),
          ),
        );
      // Nobody earns on it: its copy, kept the first time, carried its `sale.credited`.
      else outcomes[index] = null;
    } catch (error) {
      fail(index, error);
    }
  });
  return outcomes.map((outcome) =>
    outcome === undefined ? new Error('the batch gave no outcome') : outcome,
  );
}

/** Work for one transaction alone, carrying its request's correlation id on. */
function alone<T>(correlationId: string | undefined, work: () => Promise<T>): Promise<T> {
  return correlationId === undefined ? work() : withCorrelationId(correlationId, work);
}

/** Runs `work` for each item, a few at a time. */
async function inSlices<T>(
  items: readonly T[],
  work: (item: T, index: number) => Promise<void>,
): Promise<void> {
  for (let start = 0; start < items.length; start += READS_IN_FLIGHT)
    await Promise.all(items.slice(start, start + READS_IN_FLIGHT).map((item, i) => work(item, start + i)));
}
