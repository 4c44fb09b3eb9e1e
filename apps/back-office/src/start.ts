import { readBackOfficeEnv } from './server/env.js';
import { startBackOffice } from './server/serve.js';

// `tsx src/start.ts`: what the stack launcher runs (PORT, the *_SERVICE_URL, OIDC_*), answering
// GET /readyz once the bundle is built and served.
const env = readBackOfficeEnv();
const app = await startBackOffice({
  port: env.PORT,
  host: env.HOST,
  serviceUrls: {
    receipt: env.RECEIPT_SERVICE_URL,
    loyalty: env.LOYALTY_SERVICE_URL,
    reconciliation: env.RECONCILIATION_SERVICE_URL,
  },
  oidc: {
    issuer: env.OIDC_ISSUER,
    clientId: env.OIDC_CLIENT_ID,
    clientSecret: env.OIDC_CLIENT_SECRET,
    authorizationEndpoint: env.OIDC_AUTHORIZATION_ENDPOINT,
    tokenEndpoint: env.OIDC_TOKEN_ENDPOINT,
  },
  ...(env.BACK_OFFICE_PUBLIC_URL && { publicUrl: env.BACK_OFFICE_PUBLIC_URL.replace(/\/+$/, '') }),
  sessionSecret: env.BACK_OFFICE_SESSION_SECRET,
});
console.log(`back office (${app.build === 'built' ? 'built' : 'bundle up to date'}) on ${app.url}`);

let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.once(signal, () => {
    if (stopping) return;
    stopping = true;
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error('back office did not close cleanly', error);
        process.exit(1);
      },
    );
  });
