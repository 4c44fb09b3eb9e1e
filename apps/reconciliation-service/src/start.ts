import { runService, staffTokensFromEnv } from '@scontrino/service';
import { loadReconciliationEnv } from './env.js';
import { startReconciliationJobs } from './jobs/start-jobs.js';
import { openGraph } from './linking/graph-setup.js';
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
    });
    return {
      service: createReconciliationServer({
        env,
        logger,
        database,
        staffTokens: staffTokensFromEnv(env, logger),
        graph: jobs.graph,
      }),
      stopJobs: () => jobs.stop(),
    };
  },
});
