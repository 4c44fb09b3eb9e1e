import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { closeDatabase, connectDatabase } from './connect.js';
import type { EncryptedCollection } from './encrypted-paths.js';
import { reencryptCollections, type ReencryptionCipher, type ReencryptionCounts } from './reencrypt.js';

export interface ReencryptionCliOptions {
  /** `loyalty-service`: names the connection and the usage line. */
  service: string;
  mongoUri: string;
  cipher: ReencryptionCipher;
  collections: readonly EncryptedCollection[];
  args?: string[];
}

/**
 * `reencrypt [--dry-run] [--batch-size n]`: one pass over the service's encrypted fields, counts
 * printed per collection on stdout (logs go to stderr). Exits 1 when a value did not decrypt.
 */
export async function runReencryptionCli(options: ReencryptionCliOptions): Promise<void> {
  const { values } = parseArgs({
    args: options.args ?? process.argv.slice(2).filter((arg) => arg !== '--'),
    options: { 'dry-run': { type: 'boolean', default: false }, 'batch-size': { type: 'string' } },
  });
  const batchSize = values['batch-size'] ? Number(values['batch-size']) : undefined;
  if (batchSize !== undefined && !(Number.isInteger(batchSize) && batchSize > 0))
    throw new Error('--batch-size must be a positive whole number');
  const logger = pino({ level: 'warn' }, pino.destination(2));
  const connection = await connectDatabase({
    uri: options.mongoUri,
    logger,
    appName: `${options.service}-reencrypt`,
  });
  try {
    const counts = await reencryptCollections({
      connection,
      cipher: options.cipher,
      collections: options.collections,
      logger,
      dryRun: values['dry-run'],
      ...(batchSize && { batchSize }),
    });
    process.stdout.write(formatCounts(counts, values['dry-run']));
    if (Object.values(counts).some((c) => c.failed > 0)) process.exitCode = 1;
  } finally {
    await closeDatabase(connection);
  }
}

function formatCounts(counts: Record<string, ReencryptionCounts>, dryRun: boolean): string {
  const columns = ['scanned', 'stale', 'rewritten', 'skipped', 'failed'] as const;
  const rows = Object.entries(counts).map(([name, c]) => [name, ...columns.map((k) => String(c[k]))]);
  const header = ['collection', ...columns];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]?.length ?? 0)));
  const line = (cells: string[]) =>
    cells
      .map((cell, i) => cell.padEnd(widths[i] ?? 0))
      .join('  ')
      .trimEnd();
  const note = dryRun ? 'dry run: nothing written; "stale" is what a run would rewrite\n' : '';
  return `${note}${[header, ...rows].map(line).join('\n')}\n`;
}
