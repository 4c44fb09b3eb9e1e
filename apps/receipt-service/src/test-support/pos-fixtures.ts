import {
  examplePosReturn as docReturn,
  examplePosSale as docSale,
  type PosReturn,
  type PosSale,
} from '@scontrino/contracts';

/** The contract's own examples (pos-transaction.md). */
export { examplePosReturn as docReturn, examplePosSale as docSale } from '@scontrino/contracts';

/** The sale of pos-transaction.md with another transactionId, so tests never meet. */
export function sale(transactionId: string, storeId = 'MI-001', terminalId = 'T03'): PosSale {
  return { ...docSale(), transactionId, storeId, terminalId };
}

/** The same sale without a customer: it gets a claim code. */
export function anonymousSale(transactionId: string, storeId = 'MI-001', terminalId = 'T03'): PosSale {
  const { customer: _customer, ...anonymous } = sale(transactionId, storeId, terminalId);
  return anonymous;
}

/** One shirt of `originalTransactionId` returned at `storeId`. */
export function returnOf(
  originalTransactionId: string,
  transactionId: string,
  storeId = 'MI-002',
  terminalId = 'T01',
): PosReturn {
  return { ...docReturn(), originalTransactionId, transactionId, storeId, terminalId };
}
