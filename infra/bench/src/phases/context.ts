import type { LoyaltyStaffClient } from '@scontrino/pos-simulator';
import type { reconciliationClient } from '@scontrino/reconciliation-service/bench/api-client';
import type { Stack } from '@scontrino/stack';
import type { CommandLedger } from '../observe/command-ledger.js';
import type { ReceiptMails } from '../observe/completion.js';
import type { ServiceEndpoint } from '../observe/service-metrics.js';
import type { BenchOptions } from '../options.js';
import type { Progress } from '../progress.js';
import type { PerService } from '../results.js';
import type { BenchEstate, SaleFactory } from '../traffic.js';

/** What every phase works with: the running stack, the brand set up in it, and the observers. */
export interface BenchContext {
  options: BenchOptions;
  progress: Progress;
  stack: Stack;
  /** Names a run's transaction ids and scratch databases. */
  runId: string;
  services: readonly ServiceEndpoint[];
  urls: PerService<string>;
  estate: BenchEstate;
  sales: SaleFactory;
  mails: ReceiptMails;
  ledger: CommandLedger;
  /** The loyalty service with the service token (`members.lookup`, as the support desk reads a card). */
  loyalty: LoyaltyStaffClient;
  reconciliation: ReturnType<typeof reconciliationClient>['calls'];
}
