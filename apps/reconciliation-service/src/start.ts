import { receiptCacheChannel } from '@scontrino/caller-keys';
import { redisCacheInvalidation } from '@scontrino/queue';
import { staffTokensFromEnv } from '@scontrino/service';
import { loyaltyMarketingConsents } from './clients/marketing-consents.js';
import { privacyPeers } from './clients/privacy-peers.js';
import { receiptTillQuality } from './clients/till-quality.js';
import { createMailer } from '@scontrino/mail';
import { receiptShopKeyLookup, webShopKeys } from './clients/shop-keys.js';
import { receiptTenants } from './clients/tenants.js';
import { startReconciliationJobs } from './jobs/start-jobs.js';
import { openGraph } from './use-cases/linking/graph-setup.js';
import { reconciliationService } from './server.js';

await reconciliationService.run(async ({ env, logger, database, queues }) => {
  const till = receiptTillQuality(
    { url: env.RECEIPT_SERVICE_URL, serviceToken: env.SERVICE_TOKEN },
    env.PRIVACY_PEER_TIMEOUT_MS,
  );
  const reportMailer =
    env.AUDIT_REPORT_SMTP_URL === ''
      ? null
      : createMailer({ smtpUrl: env.AUDIT_REPORT_SMTP_URL, from: env.AUDIT_REPORT_FROM });
  const jobs = await startReconciliationJobs({
    queues,
    database,
    logger,
    graph: await openGraph(database, env),
    retentionDays: env.RETENTION_DAYS,
    inboxConcurrency: env.INBOX_CONCURRENCY,
    weeklyReport: { mailer: reportMailer, recipients: env.AUDIT_REPORT_TO, till },
  });
  // Revoked shop keys and changed tenants, announced by the receipt service, reach these caches at once.
  const receiptAnnouncements = redisCacheInvalidation({
    redisUrl: env.REDIS_URL,
    channel: receiptCacheChannel(env.QUEUE_PREFIX),
    logger,
  });
  const receiptService = { url: env.RECEIPT_SERVICE_URL, serviceToken: env.SERVICE_TOKEN };
  return {
    service: reconciliationService.createServer({
      env,
      logger,
      database,
      graph: jobs.graph,
      staffTokens: staffTokensFromEnv(env, logger),
      queues,
      privacyPeers: privacyPeers({
        loyalty: { url: env.LOYALTY_SERVICE_URL, serviceToken: env.SERVICE_TOKEN },
        receipt: { url: env.RECEIPT_SERVICE_URL, serviceToken: env.SERVICE_TOKEN },
        timeoutMs: env.PRIVACY_PEER_TIMEOUT_MS,
      }),
      till,
      consents: loyaltyMarketingConsents(
        { url: env.LOYALTY_SERVICE_URL, serviceToken: env.SERVICE_TOKEN },
        env.PRIVACY_PEER_TIMEOUT_MS,
      ),
      shopKeys: webShopKeys(receiptShopKeyLookup(receiptService), receiptAnnouncements),
      tenants: receiptTenants(receiptService, receiptAnnouncements),
    }),
    stopJobs: async () => {
      await jobs.stop();
      receiptAnnouncements.close();
      reportMailer?.close();
    },
  };
});
