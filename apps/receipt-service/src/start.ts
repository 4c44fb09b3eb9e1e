import { runService } from '@scontrino/service';
import { loadReceiptEnv } from './env.js';
import { startReceiptJobs } from './jobs/start-jobs.js';
import { createReceiptServer } from './server.js';
import { receiptCrypto } from './store/receipt-crypto.js';
import { openReceiptStore } from './store/receipt-store.js';

await runService({
  name: 'receipt-service',
  loadEnv: () => loadReceiptEnv(),
  async start({ env, logger, database, queues }) {
    const store = await openReceiptStore(database, { crypto: receiptCrypto(env), publicUrl: env.PUBLIC_URL });
    const jobs = await startReceiptJobs({ queues, database, logger, outboxModels: store.outboxModels });
    return {
      service: createReceiptServer({ env, logger, database, store, outbox: jobs.outbox }),
      stopJobs: () => jobs.stop(),
    };
  },
});
