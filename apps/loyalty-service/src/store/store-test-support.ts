import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { openLoyaltyStore, type LoyaltyStore } from './loyalty-store.js';

/** A fresh database on the test stack with the loyalty store opened on it. */
export async function openTestStore(
  clock: () => Date = () => new Date(),
): Promise<{ store: LoyaltyStore; database: Connection; close: () => Promise<void> }> {
  const database = await connectDatabase({
    uri: testDatabaseUri('loyalty_store'),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3 },
  });
  const store = await openLoyaltyStore(database, { clock });
  return { store, database, close: () => closeDatabase(database) };
}
