import { runService } from '@scontrino/service';
import { loadLoyaltyEnv } from './env.js';
import { startLoyaltyJobs } from './jobs/start-jobs.js';
import { createLoyaltyServer } from './server.js';

await runService({
  name: 'loyalty-service',
  loadEnv: () => loadLoyaltyEnv(),
  async start({ env, logger, database, queues }) {
    await startLoyaltyJobs({ queues, database, logger });
    return { service: createLoyaltyServer({ env, logger, database }) };
  },
});
