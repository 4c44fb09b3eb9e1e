import { randomBytes } from 'node:crypto';
import {
  closeDatabase,
  connectDatabase,
  DEFAULT_REENCRYPTION_BATCH,
  reencryptCollections,
  type ReencryptionCounts,
} from '@scontrino/db';
import { pino } from 'pino';
import { loyaltyEncryptedFields } from '../src/store/encrypted-fields.js';
import { loyaltyCrypto } from '../src/store/loyalty-crypto.js';
import { memberModel } from '../src/store/members-model.js';

export interface ReencryptionPass {
  counts: ReencryptionCounts | undefined;
  ms: number;
  /** Database commands the pass sent, by command name (`find`, `getMore`, `update`…). */
  commands: Record<string, number>;
}

export interface ReencryptionRun {
  members: number;
  batchSize: number;
  /** Writing the members under key 1 with insertMany. */
  insertMs: number;
  dryRun: ReencryptionPass;
  realRun: ReencryptionPass;
  /** A second real run, which finds nothing stale. */
  secondRun: ReencryptionPass;
}

const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
};

/**
 * `members` members (e-mail, name, card: 3 values each) written under key 1 straight into the
 * database at `databaseUri`, then the keyring rotated to key 2 and the loyalty service's
 * re-encryption timed: a dry run, the real run, and a second run. The caller owns the database
 * (the benches give it a scratch one).
 */
export async function measureReencryption(options: {
  databaseUri: string;
  members: number;
  /** Documents per page (the routine's default when absent). */
  batchSize?: number;
  /** Pages written at once (the routine's default when absent). */
  pagesInFlight?: number;
}): Promise<ReencryptionRun> {
  const { members: memberCount, batchSize = DEFAULT_REENCRYPTION_BATCH, pagesInFlight } = options;
  const logger = pino({ level: 'silent' });
  const key = () => randomBytes(32).toString('base64');
  const LOOKUP_HASH_KEY = key();
  const keys = { '1': key(), '2': key() };
  const underKey1 = loyaltyCrypto({ CRYPTO_KEYS: { '1': keys['1'] }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY });
  const rotated = loyaltyCrypto({ CRYPTO_KEYS: keys, CRYPTO_ACTIVE_KEY: 2, LOOKUP_HASH_KEY });
  const connection = await connectDatabase({ uri: options.databaseUri, logger });
  try {
    const Members = memberModel(connection);
    const [, insertMs] = await timed(async () => {
      for (let start = 0; start < memberCount; start += 500) {
        const docs = Array.from({ length: Math.min(500, memberCount - start) }, (_, i) => {
          const n = start + i;
          const email = `member${n}@example.test`;
          return {
            _id: `mbr_bench${String(n).padStart(8, '0')}`,
            tenantId: 'moda-rossi',
            email: { encrypted: underKey1.cipher.encrypt(email, 'loyalty.member.email'), hash: `h${n}` },
            name: underKey1.cipher.encrypt(`Member ${n}`, 'loyalty.member.name'),
            cards: [{ ...underKey1.card(`29000000${String(n).padStart(5, '0')}`), addedAt: new Date() }],
            profileId: null,
            consent: [],
            tierHistory: [],
            mergedInto: null,
            enrolledAt: new Date(),
            erasedAt: null,
          };
        });
        await Members.collection.insertMany(docs as never[]);
      }
    });
    const collections = loyaltyEncryptedFields.filter((declared) => declared.collection === 'members');
    const commands: Record<string, number> = {};
    connection.getClient().on('commandStarted', (event) => {
      if (event.databaseName === connection.name)
        commands[event.commandName] = (commands[event.commandName] ?? 0) + 1;
    });
    const pass = async (dryRun: boolean): Promise<ReencryptionPass> => {
      for (const name of Object.keys(commands)) delete commands[name];
      const [counts, ms] = await timed(() =>
        reencryptCollections({
          connection,
          cipher: rotated.cipher,
          collections,
          logger,
          dryRun,
          batchSize,
          ...(pagesInFlight !== undefined && { pagesInFlight }),
        }),
      );
      return { counts: counts.members, ms, commands: { ...commands } };
    };
    const dryRun = await pass(true);
    const realRun = await pass(false);
    const secondRun = await pass(false);
    return { members: memberCount, batchSize, insertMs, dryRun, realRun, secondRun };
  } finally {
    await closeDatabase(connection);
  }
}
