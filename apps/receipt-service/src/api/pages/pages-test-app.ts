import type { AddressInfo } from 'node:net';
import { createServiceApp } from '@scontrino/service';
import { router } from '@scontrino/trpc';
import { pino } from 'pino';
import type { ReceiptRecord } from '../../domain/receipt-record.js';
import {
  docSaleRecord,
  freeSaleRecord,
  PUBLIC_URL,
  returnRecord,
  weighedSaleRecord,
} from '../../domain/receipt-view.fixtures.js';
import { registerReceiptPages } from './index.js';

export interface PagesTestApp {
  url: string;
  /** Every token and claim code the routes looked up, in order. */
  lookups: string[];
  close(): Promise<void>;
}

const tokenOf = (record: ReceiptRecord) => record.receiptUrl.slice(`${PUBLIC_URL}/r/`.length);
const codeOf = (record: ReceiptRecord) => record.claimUrl?.slice(`${PUBLIC_URL}/c/`.length);

/**
 * The shared service app (helmet, error handler and all) with the receipt pages over in-memory
 * look-ups of the fixtures, listening on a free port.
 */
export async function startPagesTestApp(): Promise<PagesTestApp> {
  const records = [docSaleRecord(), weighedSaleRecord(), returnRecord(), freeSaleRecord()];
  const lookups: string[] = [];
  const find = (key: (record: ReceiptRecord) => string | undefined) => (value: string) => {
    lookups.push(value);
    return Promise.resolve(records.find((record) => key(record) === value) ?? null);
  };
  const { app } = createServiceApp({
    logger: pino({ level: 'silent' }),
    serviceToken: 'pages-test-service-token-0000000000000',
    router: router({}),
    readiness: [],
    routes: (routes) =>
      registerReceiptPages(routes, {
        findReceiptByToken: find(tokenOf),
        findReceiptByClaimCode: find(codeOf),
        publicUrl: `${PUBLIC_URL}/`,
      }),
  });
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    lookups,
    close: () =>
      new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}

export const fixtureTokens = {
  docSale: tokenOf(docSaleRecord()),
  weighedSale: tokenOf(weighedSaleRecord()),
  return: tokenOf(returnRecord()),
  freeSale: tokenOf(freeSaleRecord()),
};
export const fixtureClaimCode = codeOf(weighedSaleRecord()) ?? '';
