import { runService } from '@scontrino/service';
import { loadReceiptEnv } from './env.js';
import { startReceiptJobs } from './jobs/start-jobs.js';
import { createReceiptServer } from './server.js';

await runService({
  name: 'receipt-service',
  loadEnv: () => loadReceiptEnv(),
  async start({ env, logger, database, queues }) {
    await startReceiptJobs({ queues, database, logger });
    return { service: createReceiptServer({ env, logger, database }) };
  },
});
