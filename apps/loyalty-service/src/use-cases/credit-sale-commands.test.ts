import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection, mongo } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProgramConfig } from '@scontrino/contracts';
import { testLoyaltyKeys } from '../test-support/loyalty-service.js';
import { creditSale } from './credit-sale.js';
import { enrolMember } from './enrol-member.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { openLoyaltyDeps } from './open-loyalty.js';

const TENANT = 'moda-rossi';
const CARD = '2900000012345';
const now = new Date('2026-11-22T09:20:00Z');
let database: Connection;
let deps: LoyaltyDeps;
let memberId: string;

beforeAll(async () => {
  const uri = new URL(testDatabaseUri('credit_commands'));
  uri.searchParams.set('monitorCommands', 'true');
  database = await connectDatabase({
    uri: uri.toString(),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3 },
  });
  deps = await openLoyaltyDeps(database, { crypto: testLoyaltyKeys(), clock: () => now });
  await deps.programs.activate(TENANT, demoProgramConfig, { author: 'test', note: 'demo' });
  ({ id: memberId } = await enrolMember(deps, {
    tenantId: TENANT,
    email: 'commands@example.test',
    cardNumbers: [CARD],
    marketingConsent: { granted: false, source: 'till' },
  }));
});
afterAll(() => closeDatabase(database));

function sale(id: string, cardHash = deps.crypto.card(CARD)?.hash ?? ''): TransactionRecordedPayload {
  return {
    id,
    receiptId: `rcpt_${id}`,
    transactionId: `T-${id}`,
    storeId: 'MI-001',
    tenantId: TENANT,
    type: 'sale',
    occurredAt: '2026-11-22T09:15:00.000Z',
    currency: 'EUR',
    totals: { subtotal: 5_000, discountTotal: 0, taxTotal: 0, total: 5_000 },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 1,
        unitPrice: 5_000,
        total: 5_000,
        originalLineId: null,
      },
    ],
    identifiers: [{ type: 'card', hash: cardHash, sealed: 'sealed' }],
    original: null,
    pointsRedeemed: 0,
  };
}

/** The database commands `work` sends, as `<command> <collection>`. */
async function commandsOf(work: () => Promise<unknown>): Promise<string[]> {
  const seen: string[] = [];
  const listener = (event: mongo.CommandStartedEvent) => {
    const target = event.command[event.commandName] as unknown;
    if (typeof target === 'string') seen.push(`${event.commandName} ${target}`);
  };
  database.getClient().on('commandStarted', listener);
  try {
    await work();
  } finally {
    database.getClient().off('commandStarted', listener);
  }
  return seen;
}

describe('what crediting a sale costs the loyalty database', () => {
  it("when a member's first card sale is credited, then it costs a read of the card's key and of the member, the archive copy, and one read and two writes of the ledger", async () => {
    expect(await commandsOf(() => creditSale(deps, sale('txn_warm')))).toEqual([
      'find member_keys',
      'find members',
      'insert sales',
      'find ledger_heads',
      'insert ledger_entries',
      'insert ledger_heads',
      // the back office's points figures of the store's day (points-rollups.ts)
      'update points_rollups',
    ]);
  });

  it('when the card was looked up before, then the member is found with one read and the folded ledger moves on', async () => {
    expect(await commandsOf(() => creditSale(deps, sale('txn_counted')))).toEqual([
      'find members',
      'insert sales',
      'find ledger_heads',
      'insert ledger_entries',
      'update ledger_heads',
      'update points_rollups',
    ]);
  });

  it("when the same sale comes again, then the taken business key answers it: nothing is written but the rollup's guarded look", async () => {
    expect(await commandsOf(() => creditSale(deps, sale('txn_counted')))).toEqual([
      'find members',
      'insert sales',
      'find ledger_heads',
      'insert ledger_entries',
      'find ledger_entries',
      // the entry met again is offered to the rollup, which has it: the guarded upsert meets the
      // day's document, and the same update without upsert changes nothing
      'update points_rollups',
      'update points_rollups',
    ]);
    const earns = (await deps.store.ledger.entriesOf(memberId)).filter((entry) => entry.kind === 'earn');
    expect(earns.map((entry) => entry.businessKey)).toEqual(['earn:txn_warm', 'earn:txn_counted']);
  });

  it("when the card is nobody's, then one look-up and the archive copy with its outcome", async () => {
    expect(await commandsOf(() => creditSale(deps, sale('txn_nobody', 'n'.repeat(43))))).toEqual([
      'find member_keys',
      'insert sales',
    ]);
  });
});
