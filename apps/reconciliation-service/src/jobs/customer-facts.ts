import { parseEventPayload } from '@scontrino/contracts';
import {
  type EventHandler,
  type EventHandlers,
  type EventHandlerSpec,
  microBatcher,
  type QueueFactory,
} from '@scontrino/queue';
import type { EventType } from '@scontrino/contracts';
import type { Logger } from '@scontrino/service';
import { observationIds } from '../domain/ids.js';
import type { CustomerFactsMarkDocument } from '../store/customer-facts.js';
import {
  buildCustomerDays,
  type CustomerFactsDeps,
  refreshCustomerFacts,
} from '../use-cases/kpis/customer-facts.js';

type Mark = Omit<CustomerFactsMarkDocument, '_id' | 'markedAt'>;

const observation = (eventId: string, tenantId: string, ref: string): Mark => ({
  tenantId,
  kind: 'observation',
  ref,
  eventId,
});
const profiles = (eventId: string, tenantId: string, refs: string[]): Mark[] =>
  refs.map((ref) => ({ tenantId, kind: 'profile', ref, eventId }));

/**
 * Marked customers are computed within this long of their mark: the marks of one such window ask
 * for one run, at its end (so a burst of sales costs one run per window, not one per batch).
 */
export const CUSTOMER_FACTS_EVERY_MS = 10_000;
/**
 * How often each instance looks whether marks wait that no run was asked for (a crash between a
 * mark and its request, a run that failed for good): one `find` of one `_id`, nothing more when
 * there is none. It replaced a run every 10 s, which read the marks collection 6 times a minute
 * and sent bull's repeat commands to Redis with nothing to do.
 */
export const CUSTOMER_FACTS_SWEEP_MS = 60_000;
/** A tenant's day counters are built again at most this often while its customers change… */
export const CUSTOMER_DAYS_EVERY_MS = 60 * 60_000;
/** …and every night, for every tenant (cohort ages move on even without a sale). */
export const CUSTOMER_DAYS_CRON = '15 2 * * *';

/** Runs `after` once the handler of the spec is done with an event (a failed handler marks nothing). */
function followedBy<T extends EventType>(
  spec: EventHandlerSpec<T> | undefined,
  after: EventHandler<T>,
): EventHandlerSpec<T> {
  if (spec === undefined) return after;
  if (typeof spec === 'function')
    return async (event, context) => {
      await spec(event, context);
      await after(event, context);
    };
  if ('handle' in spec)
    return {
      ...spec,
      handle: async (event, context) => {
        await spec.handle(event, context);
        await after(event, context);
      },
    };
  throw new Error('customer facts: a batch handler cannot be followed');
}

/**
 * The inbox handlers, each followed by marking what its event touched for the customer facts:
 * a purchase's observation once linked (its profiles are known then), the profiles of a merge,
 * a split and an erasure. Marks of the events handled at once go in one insert; a replayed event
 * marks again, which only computes the same facts again.
 */
export function withCustomerFactsMarks(
  handlers: EventHandlers,
  deps: CustomerFactsDeps,
  /** Asks for the run that computes what was just marked (`CustomerFactsJobs.marked`). */
  marked: () => Promise<void> = () => Promise.resolve(),
): EventHandlers {
  const marks = microBatcher<Mark, undefined>({
    maxSize: 64,
    maxWaitMs: 5,
    run: async (items) => {
      await deps.store.customerFacts.mark(items, deps.clock());
      // Failing, the events are handled again: they meet their marks taken and ask again.
      await marked();
      return items.map(() => undefined);
    },
  });
  const mark = async (items: Mark[]) => void (await Promise.all(items.map((item) => marks.add(item))));
  return {
    ...handlers,
    'transaction.recorded': followedBy(handlers['transaction.recorded'], async (event) => {
      const payload = parseEventPayload('transaction.recorded', event.payload);
      // An anonymous sale belongs to nobody until its receipt is claimed (the claim marks then).
      if (payload.identifiers.length > 0)
        await mark([observation(event.id, payload.tenantId, observationIds.transaction(payload.id))]);
    }),
    'receipt.claimed': followedBy(handlers['receipt.claimed'], async (event) => {
      const payload = parseEventPayload('receipt.claimed', event.payload);
      await mark([observation(event.id, payload.tenantId, observationIds.claim(payload.receiptId))]);
    }),
    'online.order.placed': followedBy(handlers['online.order.placed'], async (event) => {
      const payload = parseEventPayload('online.order.placed', event.payload);
      if (payload.identifiers.length > 0)
        await mark([observation(event.id, payload.tenantId, payload.observationId)]);
    }),
    'profiles.merged': followedBy(handlers['profiles.merged'], async (event) => {
      const payload = parseEventPayload('profiles.merged', event.payload);
      await mark(profiles(event.id, payload.tenantId, [payload.survivorId, ...payload.absorbedIds]));
    }),
    'profiles.unmerged': followedBy(handlers['profiles.unmerged'], async (event) => {
      const payload = parseEventPayload('profiles.unmerged', event.payload);
      const parts = payload.profiles.map((p) => p.profileId);
      await mark(profiles(event.id, payload.tenantId, [payload.fromProfileId, ...parts]));
    }),
    'customer.erased': followedBy(handlers['customer.erased'], async (event) => {
      const payload = parseEventPayload('customer.erased', event.payload);
      await mark(profiles(event.id, payload.tenantId, [payload.profileId]));
    }),
  };
}

export interface CustomerFactsJobs {
  /** Computes the marked customers now, then builds the day counters of every tenant that has facts. */
  runNow(): Promise<{ computed: number; customers: Record<string, number> }>;
  /** What a run asked for by marks does, now (the segment snapshot reads the facts): customers computed. */
  refreshNow(): Promise<number>;
  /** Asks for a run at the end of the current window (one per window however often it is called). */
  marked(): Promise<void>;
  /** Stops this instance's look for marks left without a run. */
  stop(): void;
}

/**
 * The customer facts' two jobs. Marks ask for a run of `reconciliation-service-customer-facts`
 * (`marked()`): one bull job per {@link CUSTOMER_FACTS_EVERY_MS} window, its id the window's, delayed
 * to the window's end, so however many instances mark, bull runs it once; a run computes marks
 * until none is left, and marks written while it runs ask for the next window's. Every
 * {@link CUSTOMER_FACTS_SWEEP_MS} each instance looks whether marks wait anyway and asks for a run
 * if so. A tenant whose customers changed gets its day counters built again at most every
 * {@link CUSTOMER_DAYS_EVERY_MS} (by the last build's time, whichever instance built it); every
 * night every tenant's are. Within a process the runs never overlap (a late one waits for the one
 * before). Idle, the service sends nothing for them but the look's one `find` a minute.
 */
export async function startCustomerFacts(options: {
  queues: QueueFactory;
  deps: CustomerFactsDeps;
  logger: Logger;
  /** Tests run them by hand. */
  schedule?: boolean;
}): Promise<CustomerFactsJobs> {
  const { deps } = options;
  const logger = options.logger.child({ job: 'customer-facts' });
  let chain: Promise<unknown> = Promise.resolve();
  const serial = <T>(work: () => Promise<T>): Promise<T> => {
    const run = chain.then(work, work);
    chain = run.catch(() => undefined);
    return run;
  };
  const build = async (tenants: readonly string[]) => {
    const customers: Record<string, number> = {};
    for (const tenantId of tenants) {
      customers[tenantId] = await buildCustomerDays(deps, tenantId);
    }
    return customers;
  };
  const refresh = () =>
    serial(async () => {
      const { computed, tenants } = await refreshCustomerFacts(deps);
      // The last build's time is the tenant's (any instance may have built it).
      const due: string[] = [];
      for (const tenantId of [...tenants].sort()) {
        const builtAt = await deps.store.customerFacts.builtAt(tenantId);
        if (!builtAt || deps.clock().getTime() - builtAt.getTime() >= CUSTOMER_DAYS_EVERY_MS)
          due.push(tenantId);
      }
      await build(due);
      return computed;
    });
  const runNow = () =>
    serial(async () => {
      const { computed, tenants } = await refreshCustomerFacts(deps);
      // A tenant whose last customer just went has no facts left, and its days go too.
      const every = new Set([...(await deps.store.customerFacts.tenants()), ...tenants]);
      return { computed, customers: await build([...every].sort()) };
    });
  let marked: () => Promise<void> = () => Promise.resolve();
  let sweepTimer: NodeJS.Timeout | undefined;
  if (options.schedule !== false) {
    const facts = options.queues.queue('reconciliation-service-customer-facts');
    facts
      .process(() => refresh())
      .catch((error: unknown) => logger.error({ err: error }, 'customer facts stopped'));
    // The repeatable job of earlier versions (every 10 s) goes: runs are asked for now.
    for (const repeatable of await facts.getRepeatableJobs())
      await facts.removeRepeatableByKey(repeatable.key);
    let asked = -1;
    marked = async () => {
      // Real time, as bull's delays are (the deps' clock may be a test's).
      const now = Date.now();
      const window = Math.floor(now / CUSTOMER_FACTS_EVERY_MS);
      if (window === asked) return;
      await facts.add(
        {},
        {
          jobId: `customer-facts:${window}`,
          delay: (window + 1) * CUSTOMER_FACTS_EVERY_MS - now,
          removeOnComplete: 10,
          removeOnFail: 30,
        },
      );
      asked = window;
    };
    const look = () =>
      deps.store.customerFacts
        .anyMarked()
        .then((any) => (any ? marked() : undefined))
        .catch((error: unknown) => logger.warn({ err: error }, 'customer facts: look for marks failed'));
    sweepTimer = setInterval(() => void look(), CUSTOMER_FACTS_SWEEP_MS);
    sweepTimer.unref();
    void look();
    const nightly = options.queues.queue('reconciliation-service-customer-days');
    nightly
      .process(async () => {
        const result = await runNow();
        logger.info(result, 'customer day counters built');
        return result;
      })
      .catch((error: unknown) => logger.error({ err: error }, 'customer day counters stopped'));
    await nightly.add(
      {},
      {
        repeat: { cron: CUSTOMER_DAYS_CRON, tz: 'UTC' },
        jobId: 'customer-days',
        attempts: 3,
        backoff: { type: 'exponential', delay: 60_000 },
        removeOnComplete: 30,
        removeOnFail: 30,
      },
    );
  }
  return {
    runNow,
    refreshNow: refresh,
    marked: () => marked(),
    stop: () => clearInterval(sweepTimer),
  };
}
