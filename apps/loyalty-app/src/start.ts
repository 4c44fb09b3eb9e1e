import { readLoyaltyAppEnv } from './server/env.js';
import { startLoyaltyApp } from './server/serve.js';

// `tsx src/start.ts`: what the stack launcher runs for a service (PORT, LOYALTY_SERVICE_URL),
// answering GET /readyz once the bundle is built and served.
const env = readLoyaltyAppEnv();
const app = await startLoyaltyApp({
  port: env.port,
  host: env.host,
  loyaltyUrl: env.loyaltyUrl,
  tenantId: env.tenantId,
});
console.log(`loyalty app (${app.build === 'built' ? 'built' : 'bundle up to date'}) on ${app.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('loyalty app did not close cleanly', error);
        process.exit(1);
      },
    );
  });
