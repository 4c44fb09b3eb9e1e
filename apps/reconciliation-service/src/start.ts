import { runService } from '@scontrino/service';
import { loadReconciliationEnv } from './env.js';
import { startReconciliationJobs } from './jobs/start-jobs.js';
import { createReconciliationServer } from './server.js';

await runService({
  name: 'reconciliation-service',
  loadEnv: () => loadReconciliationEnv(),
  async start({ env, logger, database, queues }) {
    await startReconciliationJobs({ queues, database, logger });
    return { service: createReconciliationServer({ env, logger, database }) };
  },
});
