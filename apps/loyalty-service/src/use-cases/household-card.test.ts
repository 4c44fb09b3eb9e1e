import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceAt } from '../domain/ledger/balance.js';
import { demoProgramConfig } from '@scontrino/contracts';
import type { HouseholdBalance } from '../domain/program/program-config.js';
import { testLoyaltyKeys } from '../test-support/loyalty-service.js';
import { creditSales } from './credit-sales.js';
import { enrolMember } from './enrol-member.js';
import type { LoyaltyDeps } from './loyalty-deps.js';
import { openLoyaltyDeps } from './open-loyalty.js';

const now = new Date('2026-11-22T09:20:00Z');
let database: Connection;
let deps: LoyaltyDeps;

/** The Neri family's card is Anna's; Marco, a member too with his own e-mail, uses it at the till. */
const family = { card: '2900000000777', anna: 'anna.neri@example.test', marco: 'marco.neri@example.test' };

async function brand(tenantId: string, balance: HouseholdBalance | null) {
  const config = balance === null ? demoProgramConfig : { ...demoProgramConfig, households: { balance } };
  await deps.programs.activate(tenantId, config, { author: 'test', note: `households ${balance}` });
  const enrol = (email: string, cardNumbers: string[]) =>
    enrolMember(deps, {
      tenantId,
      email,
      cardNumbers,
      marketingConsent: { granted: false, source: 'till' },
    });
  return { anna: (await enrol(family.anna, [family.card])).id, marco: (await enrol(family.marco, [])).id };
}

function familySale(tenantId: string, id: string, withEmail: string | null): TransactionRecordedPayload {
  const identifiers: TransactionRecordedPayload['identifiers'] = [
    { type: 'card', hash: deps.crypto.card(family.card)?.hash ?? '', sealed: 'sealed' },
  ];
  if (withEmail)
    identifiers.push({ type: 'email', hash: deps.crypto.email(withEmail)?.hash ?? '', sealed: 'sealed' });
  return {
    id,
    receiptId: `rcpt_${id}`,
    transactionId: `T-${id}`,
    storeId: 'MI-001',
    tenantId,
    type: 'sale',
    occurredAt: '2026-11-22T09:15:00.000Z',
    currency: 'EUR',
    totals: { subtotal: 5_000, discountTotal: 0, taxTotal: 0, total: 5_000 },
    lines: [
      {
        lineId: '1',
        sku: 'CAM-1',
        category: 'shirts',
        quantity: 2,
        unitPrice: 2_500,
        total: 5_000,
        originalLineId: null,
      },
    ],
    identifiers,
    original: null,
    pointsRedeemed: 0,
  };
}

const pending = async (memberId: string) => balanceAt(await deps.store.ledger.stateOf(memberId), now).pending;

beforeAll(async () => {
  database = await connectDatabase({
    uri: testDatabaseUri('household_card'),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3 },
  });
  deps = await openLoyaltyDeps(database, { crypto: testLoyaltyKeys(), clock: () => now });
});
afterAll(() => closeDatabase(database));

describe('a household card, as the program says', () => {
  it("when the program shares the card's balance, then Marco's sale with his e-mail earns on Anna's card", async () => {
    for (const [tenantId, balance] of [
      ['hh-shared', 'shared'],
      ['hh-default', null],
    ] as const) {
      const { anna, marco } = await brand(tenantId, balance);
      await creditSales(deps, [{ sale: familySale(tenantId, `txn_${tenantId}_1`, family.marco) }]);
      expect(await pending(anna)).toBeGreaterThan(0);
      expect(await pending(marco)).toBe(0);
    }
  });

  it("when the program keeps balances per person, then Marco's sale with his e-mail earns on his own balance, Anna's on hers", async () => {
    const { anna, marco } = await brand('hh-per-person', 'perPerson');
    const outcomes = await creditSales(deps, [
      { sale: familySale('hh-per-person', 'txn_pp_marco', family.marco) },
      { sale: familySale('hh-per-person', 'txn_pp_anna', null) },
    ]);
    expect(outcomes.every((outcome) => !(outcome instanceof Error))).toBe(true);
    const marcos = await pending(marco);
    expect(marcos).toBeGreaterThan(0);
    // The same basket earns the same points, each on its own balance.
    expect(await pending(anna)).toBe(marcos);

    // A replay credits nobody twice.
    await creditSales(deps, [{ sale: familySale('hh-per-person', 'txn_pp_marco', family.marco) }]);
    expect(await pending(marco)).toBe(marcos);
  });

  it('when the program says neither shared nor per person, then it is refused by path', async () => {
    const refused = await deps.programs
      .activate(
        'hh-bad',
        { ...demoProgramConfig, households: { balance: 'family' as never } },
        { author: 'test', note: null },
      )
      .catch((error: unknown) => error);
    expect(JSON.stringify(refused)).toContain('households');
  });
});
