import { runService, staffTokensFromEnv } from '@scontrino/service';
import { receiptServiceClient } from './clients/receipt-service.js';
import { loadLoyaltyEnv } from './env.js';
import { startLoyaltyJobs } from './jobs/start-jobs.js';
import { createMailer } from './mail/mailer.js';
import { createLoyaltyServer } from './server.js';
import { openLoyaltyDeps } from './use-cases/open-loyalty.js';

await runService({
  name: 'loyalty-service',
  loadEnv: () => loadLoyaltyEnv(),
  async start({ env, logger, database, queues }) {
    const loyalty = await openLoyaltyDeps(database, { crypto: env });
    const mailer = createMailer({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM });
    const jobs = await startLoyaltyJobs({
      queues,
      database,
      logger,
      loyalty,
      retentionDays: env.RETENTION_DAYS,
      inboxConcurrency: env.INBOX_CONCURRENCY,
    });
    return {
      service: createLoyaltyServer({
        env,
        logger,
        database,
        staffTokens: staffTokensFromEnv(env, logger),
        queues: () => queues.opened?.() ?? [],
        loyalty,
        mailer,
        receipts: receiptServiceClient({ url: env.RECEIPT_SERVICE_URL, serviceToken: env.SERVICE_TOKEN }),
      }),
      stopJobs: () => jobs.stop(),
    };
  },
});
