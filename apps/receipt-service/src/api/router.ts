import { type AuditLog, createAuditRouter } from '@scontrino/audit';
import { type BacklogSources, createSystemRouter, type ReadinessCheck } from '@scontrino/service';
import { router } from '@scontrino/trpc';
import type { EmailDeliveries } from '../jobs/email-deliveries.js';
import type { ReceiptStore } from '../store/receipt-store.js';
import { createKpisRouter } from './kpis/router.js';
import { createPrivacyRouter } from './privacy/router.js';
import { createReceiptsRouter } from './receipts/router.js';
import { createShopsRouter } from './shop-keys/router.js';
import { createStoresRouter } from './stores/router.js';
import { createTenantsRouter } from './tenants/router.js';
import { createTerminalsRouter } from './terminals/router.js';
import type { IngestDeps } from './transactions/record-transaction-command.js';
import { recordTransactionProcedure } from './transactions/record-transaction.js';

export interface ReceiptRouterDeps {
  readiness: readonly ReadinessCheck[];
  /** Where `system.backlog` counts: the service's queues and outboxes. */
  backlog?: BacklogSources;
  store: ReceiptStore;
  ingest: IngestDeps;
  emails: EmailDeliveries;
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
