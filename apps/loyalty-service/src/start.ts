import { receiptCacheChannel } from '@scontrino/caller-keys';
import { redisCacheInvalidation } from '@scontrino/queue';
import { staffTokensFromEnv } from '@scontrino/service';
import { receiptServiceClient } from './clients/receipt-service.js';
import { receiptTenants } from './clients/tenants.js';
import { receiptTerminalKeyLookup, tillKeys } from './clients/terminal-keys.js';
import { startLoyaltyJobs } from './jobs/start-jobs.js';
import { createMailer } from '@scontrino/mail';
import { loyaltyService } from './server.js';
import { openLoyaltyDeps } from './use-cases/open-loyalty.js';

await loyaltyService.run(async ({ env, logger, database, queues }) => {
  const loyalty = await openLoyaltyDeps(database, { crypto: env });
  const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, timeoutMs: env.SMTP_TIMEOUT_MS });
  const jobs = await startLoyaltyJobs({
    queues,
    database,
    logger,
    loyalty,
    retentionDays: env.RETENTION_DAYS,
    inboxConcurrency: env.INBOX_CONCURRENCY,
  });
  // Revocations of terminal keys, announced by the receipt service, reach this cache at once.
  const receiptAnnouncements = redisCacheInvalidation({
    redisUrl: env.REDIS_URL,
    channel: receiptCacheChannel(env.QUEUE_PREFIX),
    logger,
  });
  const receiptService = { url: env.RECEIPT_SERVICE_URL, serviceToken: env.SERVICE_TOKEN };
  return {
    service: loyaltyService.createServer({
      env,
      logger,
      database,
      staffTokens: staffTokensFromEnv(env, logger),
      queues: () => queues.opened?.() ?? [],
      loyalty,
      mailer,
      receipts: receiptServiceClient(receiptService),
      tillKeys: tillKeys(receiptTerminalKeyLookup(receiptService), receiptAnnouncements),
      tenants: receiptTenants(receiptService, receiptAnnouncements),
    }),
    stopJobs: async () => {
      await jobs.stop();
      receiptAnnouncements.close();
    },
  };
});
