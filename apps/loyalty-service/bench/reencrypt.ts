/**
 * Re-encryption benchmark: N members written under key 1 straight into the database, then the
 * keyring rotated to key 2 and the re-encryption pass timed: a dry run, the real run, and a
 * second run that finds nothing. Prints numbers; asserts nothing. (`pnpm bench` at the root runs
 * the same measurement on its stack's database.)
 *
 *   pnpm --filter @scontrino/loyalty-service bench:reencrypt [-- --members 5000 --batch 500 --in-flight 2]
 */
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { startDatabase } from '@scontrino/testing';
import { measureReencryption, type ReencryptionPass } from './reencryption-run.js';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((arg) => arg !== '--'),
  options: {
    members: { type: 'string', default: '5000' },
    batch: { type: 'string', default: '500' },
    'in-flight': { type: 'string' },
  },
});

const dataDir = await mkdtemp(join(tmpdir(), 'scontrino-reencrypt-bench-'));
const database = await startDatabase({ dataDir: join(dataDir, 'db') });

const line = (label: string, value: string) => console.log(`${label.padEnd(36)}${value}`);
const report = (label: string, { counts, ms, commands }: ReencryptionPass) => {
  const total = Object.values(commands).reduce((sum, n) => sum + n, 0);
  const byName = Object.entries(commands)
    .map(([name, n]) => `${name} ${n}`)
    .join(', ');
  line(
    label,
    `${(ms / 1000).toFixed(2)} s  ${Math.round(((counts?.scanned ?? 0) / ms) * 1000)} docs/s  ` +
      `(scanned ${counts?.scanned}, stale ${counts?.stale}, rewritten ${counts?.rewritten}, skipped ${counts?.skipped})`,
  );
  line(
    '',
    `${total} database commands (${byName}), ${((total / (counts?.scanned || 1)) * 1000).toFixed(1)} per 1,000 documents`,
  );
};

try {
  const run = await measureReencryption({
    databaseUri: `${database.url}/bench_reencrypt_${randomBytes(4).toString('hex')}`,
    members: Number(values.members),
    batchSize: Number(values.batch),
    ...(values['in-flight'] && { pagesInFlight: Number(values['in-flight']) }),
  });
  console.log(
    `\nre-encryption, database ${database.kind}, ${run.members} members (3 values each), batch ${run.batchSize}`,
  );
  line('write under key 1 (insertMany)', `${(run.insertMs / 1000).toFixed(2)} s`);
  report('dry run', run.dryRun);
  report('real run', run.realRun);
  report('second run (nothing stale)', run.secondRun);
} finally {
  await database.stop();
  await rm(dataDir, { recursive: true, force: true });
}
