import { parseArgs } from 'node:util';
import { ConfigError } from '@scontrino/config';
import { closeDatabase, connectDatabase } from '@scontrino/db';
import { redisCacheInvalidation } from '@scontrino/queue';
import { AppError } from '@scontrino/errors';
import { pino } from 'pino';
import { issueKeyInput } from '../api/terminals/issue-key.js';
import { loadReceiptEnv } from '../env.js';
import { receiptCrypto } from '../store/receipt-crypto.js';
import { openReceiptStore, receiptCacheChannel } from '../store/receipt-store.js';
import { issueTerminalKey } from '../use-cases/issue-terminal-key.js';
import { revokeTerminalKey } from '../use-cases/revoke-terminal-key.js';

/** The operator at the console may act on every store. */
const operatorMay = () => undefined;

const USAGE = `Usage:
  terminal-key issue --store <storeId> --terminal <terminalId>   prints a new key, once
  terminal-key revoke --key <keyId>                              the key stops working at once
Configured like the service (MONGODB_URI, …); the store must be configured (stores.upsert).`;

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

const { positionals, values } = (() => {
  try {
    return parseArgs({
      allowPositionals: true,
      options: { store: { type: 'string' }, terminal: { type: 'string' }, key: { type: 'string' } },
    });
  } catch (error) {
    return fail(`${(error as Error).message}\n\n${USAGE}`);
  }
})();
const [command] = positionals;
if (command !== 'issue' && command !== 'revoke') fail(USAGE);
const target = issueKeyInput.safeParse({ storeId: values.store, terminalId: values.terminal });
if (command === 'issue' && !target.success) fail(USAGE);
if (command === 'revoke' && !values.key) fail(USAGE);

function loadEnv() {
  try {
    return loadReceiptEnv();
  } catch (error) {
    if (error instanceof ConfigError) fail(error.message);
    throw error;
  }
}

const env = loadEnv();

// Logs go to stderr: stdout carries only the answer, so scripts can read the key from it.
const logger = pino({ level: 'warn' }, pino.destination(2));
const database = await connectDatabase({ uri: env.MONGODB_URI, logger, appName: 'receipt-terminal-key' });
// A revocation is announced to the running replicas, which cache keys for a few seconds.
const invalidation = redisCacheInvalidation({
  redisUrl: env.REDIS_URL,
  channel: receiptCacheChannel(env.QUEUE_PREFIX),
  logger,
});
try {
  const store = await openReceiptStore(database, {
    crypto: receiptCrypto(env),
    publicUrl: env.PUBLIC_URL,
    invalidation,
  });
  if (command === 'issue') {
    const { storeId, terminalId } = issueKeyInput.parse(target.data);
    const issued = await issueTerminalKey(
      { keys: store.terminalKeys, stores: store.stores },
      { storeId, terminalId },
      operatorMay,
    );
    process.stdout.write(`keyId ${issued.keyId}\nkey ${issued.key}\n`);
    process.stderr.write(
      'The key is shown this once and stored only as a hash: configure the terminal with it now.\n',
    );
  } else {
    const revoked = await revokeTerminalKey(store.terminalKeys, values.key ?? '', operatorMay);
    process.stdout.write(`revoked ${revoked.keyId} at ${revoked.revokedAt.toISOString()}\n`);
  }
} catch (error) {
  if (!(error instanceof AppError)) throw error;
  process.exitCode = 1;
  process.stderr.write(`${error.message}\n`);
} finally {
  invalidation.close();
  await closeDatabase(database);
}
