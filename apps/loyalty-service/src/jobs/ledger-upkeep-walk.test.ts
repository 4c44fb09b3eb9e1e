import { closeDatabase, connectDatabase } from '@scontrino/db';
import { seedDocuments, testDatabaseUri } from '@scontrino/testing';
import type { Connection, mongo } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProgramConfig } from '@scontrino/contracts';
import { testLoyaltyKeys } from '../test-support/loyalty-service.js';
import type { LoyaltyDeps } from '../use-cases/loyalty-deps.js';
import { openLoyaltyDeps } from '../use-cases/open-loyalty.js';
import { runLedgerUpkeep } from './ledger-upkeep.js';

/** More members than one batch of the walk's cursor holds, so the walk reads on. */
const MEMBERS = 1_200;
const silent = pino({ level: 'silent' });
const enrolledAt = new Date('2026-01-10T10:00:00Z');
let database: Connection;
let deps: LoyaltyDeps;

beforeAll(async () => {
  database = await connectDatabase({
    uri: testDatabaseUri('upkeep_walk'),
    logger: silent,
    retry: { attempts: 3 },
  });
  deps = await openLoyaltyDeps(database, {
    crypto: testLoyaltyKeys(),
    clock: () => new Date('2026-02-10T03:15:00Z'),
  });
  await deps.programs.activate('moda-rossi', demoProgramConfig, { author: 'test', note: null });
  await seedDocuments(database.collection('members'), MEMBERS, (i) => ({
    _id: `mbr_walk_${String(i).padStart(5, '0')}`,
    tenantId: 'moda-rossi',
    email: null,
    name: null,
    cards: [],
    profileId: null,
    consent: [],
    tierHistory: [
      { from: null, to: demoProgramConfig.tiers.levels[0]!.code, at: enrolledAt, reason: 'enrolled' },
    ],
    mergedInto: null,
    enrolledAt,
    erasedAt: null,
  }));
}, 120_000);
afterAll(() => closeDatabase(database));

describe('the daily upkeep walks the members', () => {
  it('when it runs, then it reads the members with one query through its cursor, not a query per page', async () => {
    const commands: string[] = [];
    const listener = (event: mongo.CommandStartedEvent) => {
      if (event.commandName === 'find' || event.commandName === 'getMore')
        commands.push(
          `${event.commandName} ${String(event.commandName === 'find' ? event.command.find : event.command.collection)}`,
        );
    };
    database.getClient().on('commandStarted', listener);
    try {
      const report = await runLedgerUpkeep(deps, silent);
      expect(report).toEqual({ members: MEMBERS, entries: 0, failed: 0 });
    } finally {
      database.getClient().off('commandStarted', listener);
    }
    const members = commands.filter((command) => command.endsWith(' members'));
    expect(members.filter((command) => command === 'find members')).toHaveLength(1);
    expect(members.filter((command) => command === 'getMore members').length).toBeGreaterThan(0);
    // Each member: its folded ledger by `_id`, and the entry after it (none here).
    expect(commands.filter((command) => command === 'find ledger_heads')).toHaveLength(MEMBERS);
  }, 120_000);
});
