import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { type CacheInvalidation, redisCacheInvalidation } from '@scontrino/queue';
import { testDatabaseUri, testStack } from '@scontrino/testing';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { receiptCrypto } from '../store/receipt-crypto.js';
import { openReceiptStore, receiptCacheChannel, type ReceiptStore } from '../store/receipt-store.js';
import { storeProfile } from '../test-support/receipt-service.js';
import type { Connection } from 'mongoose';

const serviceDir = fileURLToPath(new URL('../..', import.meta.url));
const mongoUri = testDatabaseUri('receipt_cli');
const key = Buffer.alloc(32, 3).toString('base64');

/** The package script `terminal-key`, in its own process, configured by the environment only. */
async function cli(...args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/terminal-key.ts', ...args], {
    cwd: serviceDir,
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: 'test',
      MONGODB_URI: mongoUri,
      REDIS_URL: testStack().redisUrl,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stdout, stderr };
}

let database: Connection;
let store: ReceiptStore;
let invalidation: CacheInvalidation;
beforeAll(async () => {
  const logger = pino({ level: 'silent' });
  database = await connectDatabase({ uri: mongoUri, logger });
  // The CLI announces on the default queue prefix's channel, as a replica of the service listens.
  invalidation = redisCacheInvalidation({
    redisUrl: testStack().redisUrl,
    channel: receiptCacheChannel('scontrino'),
    logger,
  });
  store = await openReceiptStore(database, {
    crypto: receiptCrypto({ CRYPTO_KEYS: { '1': key }, CRYPTO_ACTIVE_KEY: 1, LOOKUP_HASH_KEY: key }),
    publicUrl: 'https://receipts.example.test',
    invalidation,
  });
  await store.stores.upsert(storeProfile({ storeId: 'MI-001' }));
});
afterAll(async () => {
  invalidation.close();
  await closeDatabase(database);
});

describe('terminal-key CLI', () => {
  it('issues a key that authenticates its terminal, prints it once, and revokes it', async () => {
    const issued = await cli('issue', '--store', 'MI-001', '--terminal', 'T03');
    expect(issued.code).toBe(0);
    const [, keyId, bearer] = /^keyId (\S+)\nkey (\S+)\n$/.exec(issued.stdout) ?? [];
    expect(await store.terminalKeys.authenticate(bearer ?? '')).toMatchObject({
      keyId,
      storeId: 'MI-001',
      terminalId: 'T03',
      tenantId: 'moda-rossi',
    });
    expect(
      JSON.stringify(await database.collection('terminal_keys').findOne({ _id: keyId as never })),
    ).not.toContain(bearer?.slice(-52));

    const revoked = await cli('revoke', '--key', keyId ?? '');
    expect(revoked.code).toBe(0);
    expect(revoked.stdout).toMatch(new RegExp(`^revoked ${keyId} at \\d{4}-`));
    // This process cached the key; the CLI's announcement reaches it, as it reaches every replica.
    await expect.poll(() => store.terminalKeys.authenticate(bearer ?? ''), { timeout: 2_000 }).toBeNull();
  });

  it('when the store is not configured or the arguments are wrong, then it exits 1 saying why', async () => {
    const unknown = await cli('issue', '--store', 'XX-999', '--terminal', 'T01');
    expect(unknown).toMatchObject({ code: 1, stdout: '' });
    expect(unknown.stderr).toContain('No store XX-999');
    const usage = await cli('issue', '--store', 'MI-001');
    expect(usage.code).toBe(1);
    expect(usage.stderr).toContain('Usage:');
  });
});
