/**
 * Re-encryption benchmark: N members written under key 1 straight into the database, then the
 * keyring rotated to key 2 and the re-encryption pass timed: a dry run, the real run, and a
 * second run that finds nothing. Prints numbers; asserts nothing.
 *
 *   pnpm --filter @scontrino/loyalty-service bench:reencrypt [-- --members 5000 --batch 200]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { closeDatabase, connectDatabase, reencryptCollections, type ReencryptionCounts } from '@scontrino/db';
import { startDatabase } from '@scontrino/testing';
import { pino } from 'pino';
import { loyaltyEncryptedFields } from '../src/store/encrypted-fields.js';
import { loyaltyCrypto } from '../src/store/loyalty-crypto.js';
import { memberModel } from '../src/store/members-model.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: { members: { type: 'string', default: '5000' }, batch: { type: 'string', default: '200' } },
});
const memberCount = Number(values.members);
const batchSize = Number(values.batch);
const logger = pino({ level: 'silent' });
const key = () => randomBytes(32).toString('base64');
const LOOKUP_HASH_KEY = key();
const keys = { '1': key(), '2': key() };
const underKey1 = loyaltyCrypto({ CRYPTO_KEYS: { '1': keys['1'] }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY });
const rotated = loyaltyCrypto({ CRYPTO_KEYS: keys, CRYPTO_ACTIVE_KEY: 2, LOOKUP_HASH_KEY });

const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-reencrypt-bench-'));
const database = await startDatabase({ dataDir: join(dataDir, 'db') });
const connection = await connectDatabase({
  uri: `${database.url}/bench_reencrypt_${randomBytes(4).toString('hex')}`,
  logger,
});

const line = (label: string, value: string) => console.log(`${label.padEnd(36)}${value}`);
const timed = async <T>(run: () => Promise<T>): Promise<[T, number]> => {
  const started = performance.now();
  const result = await run();
  return [result, performance.now() - started];
};
const report = (label: string, counts: ReencryptionCounts | undefined, ms: number) =>
  line(
    label,
    `${(ms / 1000).toFixed(2)} s  ${Math.round(((counts?.scanned ?? 0) / ms) * 1000)} docs/s  ` +
      `(scanned ${counts?.scanned}, stale ${counts?.stale}, rewritten ${counts?.rewritten}, skipped ${counts?.skipped})`,
  );

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
  const members = loyaltyEncryptedFields.filter((declared) => declared.collection === 'members');
  const run = (dryRun: boolean) =>
    reencryptCollections({
      connection,
      cipher: rotated.cipher,
      collections: members,
      logger,
      dryRun,
      batchSize,
    });

  console.log(
    `\nre-encryption, database ${database.kind}, ${memberCount} members (3 values each), batch ${batchSize}`,
  );
  line('write under key 1 (insertMany)', `${(insertMs / 1000).toFixed(2)} s`);
  const [dry, dryMs] = await timed(() => run(true));
  report('dry run', dry.members, dryMs);
  const [real, realMs] = await timed(() => run(false));
  report('real run', real.members, realMs);
  const [again, againMs] = await timed(() => run(false));
  report('second run (nothing stale)', again.members, againMs);
} finally {
  await closeDatabase(connection);
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
