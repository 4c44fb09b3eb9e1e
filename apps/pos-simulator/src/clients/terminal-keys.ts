import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { createTRPCClient, httpLink } from '@trpc/client';
import type { SimulatedStore } from '../catalogue/index.js';

/** A till's bearer key, by `<storeId>/<terminalId>`. */
export type TerminalKeys = ReadonlyMap<string, string>;

export const tillKey = (storeId: string, terminalId: string): string => `${storeId}/${terminalId}`;

export class SetupError extends Error {
  override readonly name = 'SetupError';
}

/**
 * What a retailer's back office does before its tills go live: configures each store in the
 * receipt service and issues one key per till (tRPC `stores.upsert`, `terminals.issueKey`), with
 * a staff token whose roles allow both for these stores (an admin of their brands). The keys live
 * in memory for this run only; a key is shown once.
 */
export async function issueTerminalKeys(
  receiptUrl: string,
  staffToken: string,
  stores: readonly SimulatedStore[],
): Promise<TerminalKeys> {
  const admin = createTRPCClient<ReceiptRouter>({
    links: [
      httpLink({
        url: new URL('trpc', withSlash(receiptUrl)).href,
        headers: { authorization: `Bearer ${staffToken}` },
      }),
    ],
  });
  const keys = new Map<string, string>();
  for (const store of stores) {
    const { storeId } = store.profile;
    try {
      await admin.stores.upsert.mutate(store.profile);
      for (const terminalId of store.terminals) {
        const issued = await admin.terminals.issueKey.mutate({ storeId, terminalId });
        keys.set(tillKey(storeId, terminalId), issued.key);
      }
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new SetupError(`could not set up store ${storeId} at ${receiptUrl}: ${reason}`, { cause: error });
    }
  }
  return keys;
}

/** `base` with one trailing slash, so that relative URLs resolve under its path. */
export function withSlash(base: string): string {
  return base.endsWith('/') ? base : `${base}/`;
}
