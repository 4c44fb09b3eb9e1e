import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptCrypto } from '../store/receipt-crypto.js';
import { openReceiptStore, type ReceiptStore } from '../store/receipt-store.js';
import { anonymousSale, returnOf, sale } from '../test-support/pos-fixtures.js';
import { storeProfile, testPlatformKeys } from '../test-support/receipt-service.js';
import { recordTransaction } from './record-transaction.js';

type CommandEvent = { commandName: string; databaseName: string; command: Record<string, unknown> };

let database: Connection;
let store: ReceiptStore;
const commands: string[] = [];
const recorded: string[] = [];

beforeAll(async () => {
  database = await connectDatabase({
    uri: testDatabaseUri('ingest_cost'),
    logger: pino({ level: 'silent' }),
  });
  store = await openReceiptStore(database, {
    crypto: receiptCrypto(testPlatformKeys()),
    publicUrl: 'https://receipts.example.test',
  });
  for (const storeId of ['MI-001', 'MI-002']) await store.stores.upsert(storeProfile({ storeId }));
  database.getClient().on('commandStarted', (event: CommandEvent) => {
    if (event.databaseName === database.name)
      commands.push(`${event.commandName} ${String(event.command[event.commandName])}`);
  });
});
afterAll(() => closeDatabase(database));

/** What a till's request costs in database commands: authentication, then the command itself. */
async function post(bearer: string, body: unknown, idempotencyKey: string) {
  commands.length = 0;
  const terminal = await store.terminalKeys.authenticate(bearer);
  if (!terminal) throw new Error('the key does not authenticate');
  const answer = await recordTransaction(
    {
      store,
      publicUrl: 'https://receipts.example.test',
      clock: () => new Date(),
      onRecorded: (written) => recorded.push(String(written._id)),
    },
    { terminal, idempotencyKey, body },
  );
  return { answer, commands: [...commands] };
}

describe('the cost of a POS request', () => {
  it('when a till records a sale, then it costs one insert; a replay one insert and one read by _id', async () => {
    const { key } = await store.terminalKeys.issue('MI-001', 'T03');
    await post(key, anonymousSale('COST-0'), 'cost-0'); // the till's first request reads its key and store

    const first = await post(key, sale('COST-1'), 'cost-1');
    expect(first.commands).toEqual(['insert transactions']);
    expect(recorded).toContain(first.answer.transactionId);

    const replay = await post(key, sale('COST-1'), 'cost-1');
    expect(replay.answer).toEqual(first.answer);
    expect(replay.commands).toEqual(['insert transactions', 'find transactions']);
    expect(recorded.filter((id) => id === first.answer.transactionId)).toHaveLength(1);
  });

  it("when eight tills' sales come at once with their keys and stores cached, then they cost inserts only, at most one per sale", async () => {
    const tills = await Promise.all(
      Array.from({ length: 8 }, (_, n) => store.terminalKeys.issue('MI-001', `T${10 + n}`)),
    );
    // Each till's first request reads its key (then cached, as a running service has it).
    await Promise.all(
      tills.map(({ key }, n) =>
        post(key, anonymousSale(`COST-8-warm-${n}`, 'MI-001', `T${10 + n}`), `cost-8-warm-${n}`),
      ),
    );
    commands.length = 0;
    const answers = await Promise.all(
      tills.map(async ({ key }, n) => {
        const terminal = await store.terminalKeys.authenticate(key);
        if (!terminal) throw new Error('the key does not authenticate');
        return recordTransaction(
          {
            store,
            publicUrl: 'https://receipts.example.test',
            clock: () => new Date(),
            onRecorded: () => {},
          },
          { terminal, idempotencyKey: `cost-8-${n}`, body: sale(`COST-8-${n}`, 'MI-001', `T${10 + n}`) },
        );
      }),
    );
    expect(new Set(answers.map(({ transactionId }) => transactionId)).size).toBe(8);
    // No key, store, tenant or idempotency look-up: the sales' inserts, grouped when they meet.
    expect(new Set(commands)).toEqual(new Set(['insert transactions']));
    expect(commands.length).toBeLessThanOrEqual(8);
  });

  it('when a return is recorded, then it reads its sale and links before its insert, marks the sale returned in one update without waiting, and a replay reserves nothing', async () => {
    const { key: milan } = await store.terminalKeys.issue('MI-001', 'T03');
    const { key: returnsDesk } = await store.terminalKeys.issue('MI-002', 'T01');
    await post(milan, sale('COST-2'), 'cost-2');
    await post(returnsDesk, anonymousSale('COST-2-warm', 'MI-002', 'T01'), 'cost-2-warm');

    const returned = await post(returnsDesk, returnOf('COST-2', 'COST-2-R'), 'cost-2-r');
    expect(returned.commands).toEqual([
      'find transactions',
      'find transactions',
      'find return_links',
      'insert return_links',
      // The sale says it was returned (receipts then read its links): one update, not read back
      // here (the return's event makes sure of it, off the till's path).
      'update transactions',
      'insert transactions',
    ]);
    const again = await post(returnsDesk, returnOf('COST-2', 'COST-2-R'), 'cost-2-r');
    expect(again.answer).toEqual(returned.answer);
    expect(again.commands).toEqual(['find transactions']);
  });

  it('when a key is revoked, then the next request is refused although the key was cached', async () => {
    const { key, keyId } = await store.terminalKeys.issue('MI-001', 'T05');
    expect(await store.terminalKeys.authenticate(key)).not.toBeNull();
    await store.terminalKeys.revoke(keyId);
    expect(await store.terminalKeys.authenticate(key)).toBeNull();
  });
});
