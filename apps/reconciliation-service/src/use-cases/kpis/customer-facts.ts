import {
  addCustomerToDays,
  type CustomerDayCounters,
  customerFactsOf,
  type CustomerKpis,
  customerKpisOf,
  utcDayOf,
} from '../../domain/kpis/customer-facts.js';
import { customerFactsId } from '../../store/customer-facts.js';
import type { GraphStore } from '../../store/graph-store.js';

export interface CustomerFactsDeps {
  store: GraphStore;
  clock: () => Date;
}

/** Marks read per pass: a refresh goes on until none is left. */
const MARKS_PER_PASS = 500;

/**
 * Computes again the facts of every profile an event touched (the marks), from the profile's
 * observations as they are now: idempotent (a redelivered event computes the same document) and
 * order-free (whatever arrives later marks its profiles again). A merged, split-off or erased
 * profile loses its facts. Resolves with the profiles computed and their tenants.
 */
export async function refreshCustomerFacts(
  deps: CustomerFactsDeps,
): Promise<{ computed: number; tenants: Set<string> }> {
  const { store } = deps;
  let computed = 0;
  const tenants = new Set<string>();
  for (let pass = 0; pass < 1000; pass += 1) {
    const marks = await store.customerFacts.marks(MARKS_PER_PASS);
    if (marks.length === 0) break;
    const profiles = new Map<string, string>();
    const observationIds = marks.filter((m) => m.kind === 'observation').map((m) => m.ref);
    const observations = await store.observations.load(observationIds);
    const identifierIds = [...observations.values()].flatMap((o) => o.identifiers.map((i) => i.id));
    const identifiers = await store.identifiers.load(identifierIds);
    for (const mark of marks) {
      if (mark.kind === 'profile') profiles.set(mark.ref, mark.tenantId);
      else
        for (const identifier of observations.get(mark.ref)?.identifiers ?? []) {
          const profileId = identifiers.get(identifier.id)?.profileId;
          if (profileId) profiles.set(profileId, mark.tenantId);
        }
    }
    const now = deps.clock();
    const documents = await store.profiles.load(profiles.keys());
    for (const [profileId, tenantId] of profiles) {
      const profile = documents.get(profileId);
      const live =
        profile &&
        profile.tenantId === tenantId &&
        profile.mergedInto === null &&
        profile.retiredAt === null &&
        profile.erasedAt === null;
      const facts = live
        ? customerFactsOf(await store.observations.naming(profile.identifierIds), now)
        : null;
      if (facts)
        await store.customerFacts.put({
          _id: customerFactsId(tenantId, profileId),
          tenantId,
          profileId,
          computedAt: now,
          ...facts,
        });
      else await store.customerFacts.remove(tenantId, profileId);
      computed += 1;
      tenants.add(tenantId);
    }
    await store.customerFacts.unmark(marks);
  }
  return { computed, tenants };
}

/**
 * Builds a tenant's day counters from its customers' facts (one read of the small documents, no
 * purchase), replacing the previous build: the same facts give the same days. Resolves with the
 * customers counted.
 */
export async function buildCustomerDays(deps: CustomerFactsDeps, tenantId: string): Promise<number> {
  const now = deps.clock();
  const asOf = utcDayOf(now);
  const days = new Map<string, CustomerDayCounters>();
  const customers = await deps.store.customerFacts.eachOf(tenantId, (facts) =>
    addCustomerToDays(days, facts, asOf),
  );
  await deps.store.customerFacts.putDays(tenantId, days, { asOf, builtAt: now, customers, days: days.size });
  return customers;
}

export interface CustomersDaily {
  tenantId: string;
  from: string;
  to: string;
  /** The UTC day the counters were built on (cohort ages count to it); null: never built. */
  asOf: string | null;
  builtAt: string | null;
  days: { day: string; kpis: CustomerKpis }[];
  total: CustomerKpis;
}

/** The brand's customer figures per day and over `from`…`to` (UTC days), from the day counters only. */
export async function readCustomersDaily(
  deps: Pick<CustomerFactsDeps, 'store'>,
  input: { tenantId: string; from: string; to: string },
): Promise<CustomersDaily> {
  const { days, build } = await deps.store.customerFacts.readDays(input.tenantId, input.from, input.to);
  const asOf = build?.asOf ?? input.to;
  const counters = new Map<string, CustomerDayCounters>(
    days.map((d) => [
      d.day,
      {
        purchases: d.purchases,
        gaps: d.gaps,
        crossChannelGaps: d.crossChannelGaps,
        newCustomers: d.newCustomers,
        repeat30: d.repeat30,
        repeat90: d.repeat90,
        cohortPurchases: d.cohortPurchases,
        cohortRevenue: d.cohortRevenue,
        cohortCustomerDays: d.cohortCustomerDays,
      },
    ]),
  );
  const sorted = [...counters.keys()].sort();
  return {
    tenantId: input.tenantId,
    from: input.from,
    to: input.to,
    asOf: build?.asOf ?? null,
    builtAt: build?.builtAt.toISOString() ?? null,
    days: sorted.map((day) => ({ day, kpis: customerKpisOf(counters, day, day, asOf) })),
    total: customerKpisOf(counters, input.from, input.to, asOf),
  };
}
