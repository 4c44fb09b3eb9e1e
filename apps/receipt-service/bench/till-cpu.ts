/**
 * The till's own CPU cost: `recordTransaction` (scope, contract, request hash, store context,
 * ids, encryption, look-up hashes, the document and its event, the answer) for the sales of the
 * ingest bench, with the insert answered at once and no database: microseconds per sale on one
 * core, whatever else the machine is doing. Prints numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/receipt-service exec tsx bench/till-cpu.ts [-- --sales 20000]
 */
import { parseArgs } from 'node:util';
import { mongo } from 'mongoose';
import type { GroupCommit } from '@scontrino/db';
import type { StoreProfile } from '../src/domain/store-profile.js';
import { receiptCrypto } from '../src/store/receipt-crypto.js';
import { transactionWrites } from '../src/store/transaction-writes.js';
import type { TransactionDocument, transactionModel } from '../src/store/transactions-model.js';
import { recordTransaction } from '../src/use-cases/record-transaction.js';
import { benchmarkSale } from './sale.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { sales: { type: 'string', default: '20000' } },
});
const sales = Number(values.sales);
const STORE = 'MI-001';

const crypto = receiptCrypto({
  CRYPTO_KEYS: { '1': Buffer.alloc(32, 7).toString('base64') },
  CRYPTO_ACTIVE_KEY: 1,
  LOOKUP_HASH_KEY: Buffer.alloc(32, 9).toString('base64'),
});
const profile = { storeId: STORE, tenantId: 'moda-rossi', address: { country: 'IT' } } as StoreProfile;
// The insert as the group commit answers a new sale, after the driver has serialised it.
const inserts: GroupCommit<TransactionDocument> = {
  insert: (document) => {
    mongo.BSON.serialize(document);
    return Promise.resolve('inserted');
  },
};
const deps = {
  store: {
    transactions: transactionWrites({} as ReturnType<typeof transactionModel>, crypto, inserts),
    stores: { get: () => Promise.resolve(profile), upsert: () => Promise.resolve(profile) },
    returnLinks: {} as never,
  },
  publicUrl: 'http://127.0.0.1:3001',
  clock: () => new Date(),
  onRecorded: () => undefined,
};
const terminal = { keyId: 'k1', storeId: STORE, terminalId: 'T01', tenantId: 'moda-rossi' };
// As express hands it over: parsed from the JSON the till sent.
const bodies = Array.from({ length: sales }, (_, index) =>
  JSON.stringify(benchmarkSale(STORE, index, true, 'T01')),
);

async function run(count: number): Promise<number> {
  const started = process.cpuUsage();
  for (let index = 0; index < count; index += 1) {
    await recordTransaction(deps, {
      terminal,
      idempotencyKey: `bench-${index}`,
      body: JSON.parse(bodies[index] ?? '{}') as unknown,
    });
  }
  const used = process.cpuUsage(started);
  return (used.user + used.system) / count;
}

await run(Math.min(2000, sales)); // warm-up: the JIT, the caches
const micros = await run(sales);
console.log(`till path CPU per sale (no database): ${micros.toFixed(0)} µs over ${sales} card sales`);
