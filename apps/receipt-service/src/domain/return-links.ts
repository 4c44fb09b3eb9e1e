import {
  type ContractIssue,
  checkReturnAgainstSale,
  type PosReturn,
  type PosSale,
  refundCap,
} from '@scontrino/contracts';

/**
 * A return as recorded for the sale it returns: who returned what. Stored before the return
 * itself, it is also the reservation of the returned quantities.
 */
export interface ReturnLink {
  transactionId: string;
  storeId: string;
  /** Request hash of the return, so a retried return finds its own reservation. */
  requestHash: string;
  /** `total`: what the line refunded, in minor units; absent on links stored before it was kept. */
  lines: { originalLineId: string; quantity: number; total?: number }[];
}

export function returnLinkOf(returnTx: PosReturn, requestHash: string): ReturnLink {
  return {
    transactionId: returnTx.transactionId,
    storeId: returnTx.storeId,
    requestHash,
    lines: returnTx.lines.map(({ originalLineId, quantity, total }) => ({ originalLineId, quantity, total })),
  };
}

/**
 * What an earlier link's line refunded: its `total`, or for a link stored before totals were kept,
 * the most it could have refunded on its own (its pro-rata cap), so that old returns never leave
 * room for a refund above what the sale charged.
 */
function refundedBy(sale: Omit<PosSale, 'customer'>, line: ReturnLink['lines'][number]): number {
  if (line.total !== undefined) return line.total;
  const saleLine = sale.lines.find((candidate) => candidate.lineId === line.originalLineId);
  return saleLine === undefined ? 0 : Number(refundCap(saleLine, BigInt(Math.round(line.quantity * 1000))));
}

/**
 * Rule 7 against the returns already linked to the sale. `checkReturnAgainstSale` reads only the
 * ids, the returned quantities and the refunded totals of earlier returns, so they are rebuilt
 * from their links with the other fields borrowed from the return in hand.
 */
export function checkReturnAgainstLinks(
  returnTx: PosReturn,
  sale: Omit<PosSale, 'customer'>,
  links: readonly ReturnLink[],
): ContractIssue[] {
  const template = returnTx.lines[0];
  if (template === undefined) return [];
  const previous: PosReturn[] = links.map((link) => ({
    ...returnTx,
    transactionId: link.transactionId,
    storeId: link.storeId,
    lines: link.lines.map((line, index) => ({
      ...template,
      lineId: String(index),
      originalLineId: line.originalLineId,
      quantity: line.quantity,
      total: refundedBy(sale, line),
    })),
  }));
  return checkReturnAgainstSale(returnTx, sale, previous);
}

/** The link of this very return (same store and id), if it was reserved before. */
export function findOwnLink(links: readonly ReturnLink[], returnTx: PosReturn): ReturnLink | undefined {
  return links.find(
    (link) => link.storeId === returnTx.storeId && link.transactionId === returnTx.transactionId,
  );
}
