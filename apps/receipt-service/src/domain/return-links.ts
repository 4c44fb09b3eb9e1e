import {
  type ContractIssue,
  checkReturnAgainstSale,
  type PosReturn,
  type PosSale,
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
  lines: { originalLineId: string; quantity: number }[];
}

export function returnLinkOf(returnTx: PosReturn, requestHash: string): ReturnLink {
  return {
    transactionId: returnTx.transactionId,
    storeId: returnTx.storeId,
    requestHash,
    lines: returnTx.lines.map((line) => ({ originalLineId: line.originalLineId, quantity: line.quantity })),
  };
}

/**
 * Rule 7 against the returns already linked to the sale. `checkReturnAgainstSale` reads only the
 * ids and the returned quantities of earlier returns, so they are rebuilt from their links with
 * the other fields borrowed from the return in hand.
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
    lines: link.lines.map((line, index) => ({ ...template, lineId: String(index), ...line })),
  }));
  return checkReturnAgainstSale(returnTx, sale, previous);
}

/** The link of this very return (same store and id), if it was reserved before. */
export function findOwnLink(links: readonly ReturnLink[], returnTx: PosReturn): ReturnLink | undefined {
  return links.find(
    (link) => link.storeId === returnTx.storeId && link.transactionId === returnTx.transactionId,
  );
}
