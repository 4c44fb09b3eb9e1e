import { type AuditLog, createAuditRouter } from '@scontrino/audit';
import { type BacklogSources, createSystemRouter, type ReadinessCheck } from '@scontrino/service';
import { router } from '@scontrino/trpc';
import type { TerminalAuthenticator } from '../use-cases/authenticate-terminal.js';
import type { IngestDeps } from '../use-cases/record-transaction.js';
import { createKpisRouter } from './kpis/router.js';
import { createPrivacyRouter } from './privacy/router.js';
import { createQualityRouter } from './quality/router.js';
import { createReceiptsRouter, type ReceiptsRouterStore } from './receipts/router.js';
import { createShopsRouter } from './shop-keys/router.js';
import { createStoresRouter } from './stores/router.js';
import { createTenantsRouter } from './tenants/router.js';
import { createTerminalsRouter } from './terminals/router.js';
import { recordTransactionProcedure } from './transactions/record-transaction.js';

export interface ReceiptRouterDeps {
  readiness: readonly ReadinessCheck[];
  /** Where `system.backlog` counts: the service's queues and outboxes. */
  backlog?: BacklogSources;
  /** What the use cases behind the procedures read and write (`openReceiptStore`'s store). */
  store: ReceiptsRouterStore & {
    stores: Parameters<typeof createStoresRouter>[0];
    terminalKeys: Parameters<typeof createTerminalsRouter>[0] & TerminalAuthenticator;
    salesRollups: Parameters<typeof createKpisRouter>[0];
    contactQuality: Parameters<typeof createQualityRouter>[0];
    tenants: Parameters<typeof createTenantsRouter>[0];
    shopKeys: Parameters<typeof createShopsRouter>[0];
  } & Parameters<typeof createPrivacyRouter>[0];
  ingest: IngestDeps;
  /** Queues receipt emails (support's resend). */
  emails: Parameters<typeof createReceiptsRouter>[1];
  audit: AuditLog;
  /** The per-till budget of `POST /v1/transactions`, which `transactions.record` draws on too. */
  tillLimit: (keyId: string) => Promise<boolean>;
}

export function createReceiptRouter(deps: ReceiptRouterDeps) {
  return router({
    system: createSystemRouter('receipt-service', deps.readiness, deps.backlog),
    tenants: createTenantsRouter(deps.store.tenants),
    stores: createStoresRouter(deps.store.stores),
    shops: createShopsRouter(deps.store.shopKeys),
    terminals: createTerminalsRouter(deps.store.terminalKeys, deps.store.stores),
    receipts: createReceiptsRouter(deps.store, deps.emails),
    audit: createAuditRouter(deps.audit),
    privacy: createPrivacyRouter(deps.store),
    kpis: createKpisRouter(deps.store.salesRollups),
    quality: createQualityRouter(deps.store.contactQuality),
    transactions: router({
      record: recordTransactionProcedure({
        ...deps.ingest,
        terminalKeys: deps.store.terminalKeys,
        tillLimit: deps.tillLimit,
      }),
    }),
  });
}

/** What typed clients import (`import type { ReceiptRouter } from '@scontrino/receipt-service/router'`). */
export type ReceiptRouter = ReturnType<typeof createReceiptRouter>;
