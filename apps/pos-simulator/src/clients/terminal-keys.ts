import type { ReceiptRouter } from '@scontrino/receipt-service/router';
import { createTRPCClient, httpLink, TRPCClientError } from '@trpc/client';
import { brands, type SimulatedStore } from '../catalogue/index.js';

/** A till's bearer key, by `<storeId>/<terminalId>`. */
export type TerminalKeys = ReadonlyMap<string, string>;

export const tillKey = (storeId: string, terminalId: string): string => `${storeId}/${terminalId}`;

export class SetupError extends Error {
  override readonly name = 'SetupError';
}

/** The receipt service's tRPC API as the back office calls it, with a staff token. */
export function receiptAdmin(receiptUrl: string, staffToken: string) {
  return createTRPCClient<ReceiptRouter>({
    links: [
      httpLink({
        url: new URL('trpc', withSlash(receiptUrl)).href,
        headers: { authorization: `Bearer ${staffToken}` },
      }),
    ],
  });
}

/**
 * Creates the brands in the receipt service's tenant registry (`tenants.create`, an
 * administrator's call): every service refuses a call naming a brand nobody created. A brand
 * created before (a kept stack) is left as it is.
 */
export async function createBrands(
  receiptUrl: string,
  staffToken: string,
  tenantIds: Iterable<string>,
): Promise<void> {
  const admin = receiptAdmin(receiptUrl, staffToken);
  for (const tenantId of tenantIds) {
    const name = Object.values(brands).find((brand) => brand.tenantId === tenantId)?.name ?? tenantId;
    try {
      await admin.tenants.create.mutate({ tenantId, name });
    } catch (error) {
      if (
        error instanceof TRPCClientError &&
        (error as TRPCClientError<ReceiptRouter>).data?.httpStatus === 409
      )
        continue;
      const reason = error instanceof Error ? error.message : String(error);
      throw new SetupError(`could not create brand ${tenantId} at ${receiptUrl}: ${reason}`, {
        cause: error,
      });
    }
  }
}

/**
 * What a retailer's back office does before its tills go live: creates the brands, configures
 * each store in the receipt service and issues one key per till (tRPC `tenants.create`,
 * `stores.upsert`, `terminals.issueKey`), with a staff token whose roles allow these for the
 * stores' brands (an admin of their brands). The keys live in memory for this run only; a key is
 * shown once.
 */
export async function issueTerminalKeys(
  receiptUrl: string,
  staffToken: string,
  stores: readonly SimulatedStore[],
): Promise<TerminalKeys> {
  await createBrands(receiptUrl, staffToken, new Set(stores.map(({ profile }) => profile.tenantId)));
  const admin = receiptAdmin(receiptUrl, staffToken);
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
