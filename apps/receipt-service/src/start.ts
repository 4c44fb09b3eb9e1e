import { redisCacheInvalidation } from '@scontrino/queue';
import { staffTokensFromEnv } from '@scontrino/service';
import { startReceiptJobs } from './jobs/start-jobs.js';
import { createMailer } from './mail/mailer.js';
import { receiptService } from './server.js';
import { receiptCrypto } from './store/receipt-crypto.js';
import { openReceiptStore, receiptCacheChannel } from './store/receipt-store.js';

await receiptService.run(async ({ env, logger, database, queues }) => {
  const crypto = receiptCrypto(env);
  const invalidation = redisCacheInvalidation({
    redisUrl: env.REDIS_URL,
    channel: receiptCacheChannel(env.QUEUE_PREFIX),
    logger,
  });
  const store = await openReceiptStore(database, { crypto, publicUrl: env.PUBLIC_URL, invalidation });
  // One pooled connection per e-mail the worker sends at once.
  const mailer = createMailer({
    smtpUrl: env.SMTP_URL,
    from: env.MAIL_FROM,
    timeoutMs: env.SMTP_TIMEOUT_MS,
    pool: { maxConnections: env.EMAIL_CONCURRENCY },
  });
  const jobs = await startReceiptJobs({
    retentionDays: env.RETENTION_DAYS,
    queues,
    database,
    logger,
    store,
    crypto,
    mailer,
    loyaltyWaitMs: env.LOYALTY_BLOCK_WAIT_MS,
    publicUrl: env.PUBLIC_URL,
    inboxConcurrency: env.INBOX_CONCURRENCY,
    emailConcurrency: env.EMAIL_CONCURRENCY,
  });
  return {
    service: receiptService.createServer({
      env,
      logger,
      database,
      staffTokens: staffTokensFromEnv(env, logger),
      store,
      crypto,
      outbox: jobs.outbox,
      emails: jobs.emails,
      queues: () => queues.opened?.() ?? [],
    }),
    // The mailer's pooled connections close when idle (SMTP_TIMEOUT_MS) and with the process; a
    // send still running while the queues drain keeps its connection.
    stopJobs: async () => {
      await jobs.stop();
      invalidation.close();
    },
  };
});
