import { runService, staffTokensFromEnv } from '@scontrino/service';
import { privacyPeers } from './clients/privacy-peers.js';
import { loadReconciliationEnv } from './env.js';
import { startReconciliationJobs } from './jobs/start-jobs.js';
import { openGraph } from './use-cases/linking/graph-setup.js';
import { createReconciliationServer } from './server.js';

await runService({
  name: 'reconciliation-service',
  loadEnv: () => loadReconciliationEnv(),
  async start({ env, logger, database, queues }) {
    const jobs = await startReconciliationJobs({
      queues,
      database,
      logger,
      graph: await openGraph(database, env),
      retentionDays: env.RETENTION_DAYS,
      inboxConcurrency: env.INBOX_CONCURRENCY,
    });
    return {
      service: createReconciliationServer({
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
      }),
      stopJobs: () => jobs.stop(),
    };
  },
});
