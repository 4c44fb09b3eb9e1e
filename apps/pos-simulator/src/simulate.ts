import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import {
  brands,
  DEFAULT_MEMBERS_PER_BRAND,
  type SimulatedStore,
  stores as catalogueStores,
} from './catalogue/index.js';
import { createLoyaltyClient } from './clients/loyalty-client.js';
import { createLoyaltyStaffClient, isCredited } from './clients/loyalty-staff-client.js';
import { createReceiptClient } from './clients/receipt-client.js';
import { createReconciliationClient } from './clients/reconciliation-client.js';
import { issueShopKeys } from './clients/shop-keys.js';
import { issueTerminalKeys } from './clients/terminal-keys.js';
import { defaultTrafficMix, type TrafficMix } from './generate/traffic-mix.js';
import { createTraffic } from './generate/traffic.js';
import { type ClaimLimit, createClaimBudget } from './run/claim-budget.js';
import { createHttp, type RequestRecord } from './run/http.js';
import { createMetrics } from './run/metrics.js';
import { type ClaimedReceipt, play } from './run/play.js';
import { buildReport, type SimulationReport } from './run/report.js';
import { runSchedule } from './run/scheduler.js';
import { createPointsWatch } from './run/points-watch.js';
import { createTally } from './run/tally.js';

export interface SimulateOptions {
  receiptUrl: string;
  /** For the loyalty calls a till makes over tRPC, and claims (see `claimLimit`). */
  serviceToken: string;
  /**
   * For the back-office setup (brands, stores, till keys, web-shop keys): a staff token of an
   * admin of the stores' brands.
   */
  staffToken: string;
  /** Without it, no redemptions at the till. */
  loyaltyUrl?: string;
  /** Without it, no web-shop orders. */
  reconciliationUrl?: string;
  /** Arrivals (sales, returns, web orders) per second. */
  rate: number;
  count?: number;
  durationMs?: number;
  /** Same seed, same traffic. Default: a random one, printed in the report. */
  seed?: string;
  /** Names the run in transaction and order ids. Default: from the clock. */
  runId?: string;
  /** Only this store… */
  storeId?: string;
  /** …or only this brand's stores. */
  tenantId?: string;
  membersPerBrand?: number;
  mix?: TrafficMix;
  maxInFlight?: number;
  timeoutMs?: number;
  /** Watch one in this many card sales until its points show (0: none); default 0. */
  pointsEvery?: number;
  /** Claims the run may make in a window; default no limit (claims carry the service token). */
  claimLimit?: ClaimLimit;
  signal?: AbortSignal;
  onRequest?: (record: RequestRecord) => void;
  /** After each receipt claimed through its claim page. */
  onClaimed?: (claim: ClaimedReceipt) => void;
  /** After each arrival has ended (progress display). */
  onArrivalEnd?: () => void;
  /** Dates the transactions. */
  clock?: () => Date;
}

export const DEFAULT_MAX_IN_FLIGHT = 256;
export const DEFAULT_TIMEOUT_MS = 10_000;
/** A sampled sale whose points have not shown by then counts as never shown (no member's card). */
const POINTS_DEADLINE_MS = 120_000;
const POINTS_POLL_MS = 250;

/** The catalogue's stores the options ask for; throws naming the known ones when none matches. */
export function selectStores(options: Pick<SimulateOptions, 'storeId' | 'tenantId'>): SimulatedStore[] {
  const selected = catalogueStores.filter(
    ({ profile }) =>
      (options.storeId === undefined || profile.storeId === options.storeId) &&
      (options.tenantId === undefined || profile.tenantId === options.tenantId),
  );
  if (selected.length === 0) {
    const known = catalogueStores.map(({ profile }) => `${profile.storeId} (${profile.tenantId})`).join(', ');
    throw new Error(`no store matches --store/--tenant; the stores are ${known}`);
  }
  return selected;
}

/**
 * Plays retail traffic against a running stack through its public APIs, as tills, customers'
 * phones and the web shop would, and reports what the services answered and how fast.
 * Sets the stores up and issues the till keys first (that part throws when it fails).
 */
export async function simulate(options: SimulateOptions): Promise<SimulationReport> {
  const stores = selectStores(options);
  const seed = options.seed ?? randomBytes(6).toString('hex');
  const runId = options.runId ?? Date.now().toString(36);
  const clock = options.clock ?? (() => new Date());
  const startedAt = clock();

  const setupStarted = performance.now();
  const keys = await issueTerminalKeys(options.receiptUrl, options.staffToken, stores);
  const tenants = new Set(stores.map(({ profile }) => profile.tenantId));
  const shopKeys = options.reconciliationUrl
    ? await issueShopKeys(
        options.receiptUrl,
        options.staffToken,
        Object.values(brands).filter(({ tenantId }) => tenants.has(tenantId)),
      )
    : new Map<string, string>();
  const setupMs = performance.now() - setupStarted;

  const metrics = createMetrics();
  const tally = createTally();
  const http = createHttp({
    metrics,
    timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    ...(options.onRequest && { onRequest: options.onRequest }),
  });
  const { loyaltyUrl, reconciliationUrl, serviceToken } = options;
  const staff = loyaltyUrl ? createLoyaltyStaffClient(loyaltyUrl, serviceToken) : null;
  const deps = {
    receipts: createReceiptClient(http, options.receiptUrl, serviceToken),
    keys,
    loyalty: loyaltyUrl ? createLoyaltyClient(http, loyaltyUrl) : null,
    reconciliation: reconciliationUrl ? createReconciliationClient(http, reconciliationUrl, shopKeys) : null,
    claims: createClaimBudget(options.claimLimit),
    tally,
    sales: new Map<number, Promise<boolean>>(),
    points: createPointsWatch({
      every: loyaltyUrl ? (options.pointsEvery ?? 0) : 0,
      deadlineMs: POINTS_DEADLINE_MS,
      pollMs: POINTS_POLL_MS,
      credited: (sale) => (staff ? isCredited(staff, sale) : Promise.resolve(false)),
    }),
    ...(options.onClaimed && { onClaimed: options.onClaimed }),
  };
  const traffic = createTraffic({
    seed,
    runId,
    stores,
    membersPerBrand: options.membersPerBrand ?? DEFAULT_MEMBERS_PER_BRAND,
    mix: options.mix ?? defaultTrafficMix,
    redemptions: deps.loyalty !== null,
    onlineOrders: deps.reconciliation !== null,
  });

  try {
    const schedule = await runSchedule(
      {
        rate: options.rate,
        ...(options.count !== undefined && { count: options.count }),
        ...(options.durationMs !== undefined && { durationMs: options.durationMs }),
        maxInFlight: options.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT,
        ...(options.signal && { signal: options.signal }),
      },
      async () => {
        try {
          await play(deps, traffic.next(clock()));
        } finally {
          options.onArrivalEnd?.();
        }
      },
    );
    return buildReport({
      run: {
        runId,
        seed,
        startedAt: startedAt.toISOString(),
        finishedAt: clock().toISOString(),
        stores: stores.map(({ profile }) => profile.storeId),
        services: {
          receipt: options.receiptUrl,
          loyalty: loyaltyUrl ?? null,
          reconciliation: reconciliationUrl ?? null,
        },
        setup: { terminalKeys: keys.size, ms: Math.round(setupMs) },
      },
      target: {
        rate: options.rate,
        count: options.count ?? null,
        durationS: options.durationMs === undefined ? null : options.durationMs / 1000,
      },
      schedule,
      tally,
      metrics,
      pointsVisible: options.pointsEvery ? await deps.points.settle() : null,
    });
  } finally {
    metrics.close();
  }
}
