import { channelFigures } from '../profile/channel-figures.js';
import type { Observation } from '../observations/observation.js';

/** Purchase days a customer's facts keep (the most recent): a year and a bit, as a dashboard range. */
export const FACT_DAYS_KEPT = 400;

const DAY = 24 * 60 * 60 * 1000;
export const utcDayOf = (at: Date) => at.toISOString().slice(0, 10);
const dayNumber = (day: string) => Math.round(Date.parse(`${day}T00:00:00Z`) / DAY);

/**
 * What the dashboard needs of one customer (a live profile) of one tenant: bounded, whatever the
 * customer buys (at most {@link FACT_DAYS_KEPT} purchase days). Derived from the profile's
 * observations as a whole, never incremented: computing it twice gives the same document.
 */
export interface CustomerFacts {
  firstPurchaseAt: Date;
  lastPurchaseAt: Date;
  /** UTC day of the first purchase, and of the first purchase on a later day (null: none yet). */
  firstDay: string;
  secondDay: string | null;
  /** Purchases (returns not counted), each once however many observations name it. */
  purchases: number;
  returns: number;
  /** Minor units: purchases minus what returns refunded. */
  revenue: number;
  currency: string | null;
  /** Purchases per channel: at a till, delivered online orders, click & collect. */
  channels: { store: number; online: number; clickAndCollect: number };
  /** "Buys online and in store": delivered online orders and purchases in store (or collected). */
  crossChannel: boolean;
  /** Oldest first: the most recent {@link FACT_DAYS_KEPT} UTC days with a purchase (objects: the local database stores no nested arrays). */
  days: { day: string; purchases: number }[];
}

/**
 * The facts of one profile's observations; null when it has no purchase (a return alone, an
 * identification, a claim of nothing): such a profile is no customer of the dashboard.
 */
export function customerFactsOf(observations: readonly Observation[], now: Date): CustomerFacts | null {
  const figures = channelFigures(observations, now);
  if (figures.purchases === 0 || !figures.firstPurchaseAt || !figures.lastPurchaseAt) return null;
  const perDay = new Map<string, number>();
  const seen = new Set<string>();
  for (const observation of observations) {
    const purchase = observation.purchase;
    if (!purchase || purchase.amount < 0 || seen.has(purchase.key)) continue;
    seen.add(purchase.key);
    const day = utcDayOf(purchase.at);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days = [...perDay]
    .sort((x, y) => (x[0] < y[0] ? -1 : 1))
    .map(([day, purchases]) => ({ day, purchases }));
  return {
    firstPurchaseAt: figures.firstPurchaseAt,
    lastPurchaseAt: figures.lastPurchaseAt,
    firstDay: days[0]?.day ?? utcDayOf(figures.firstPurchaseAt),
    secondDay: days[1]?.day ?? null,
    purchases: figures.purchases,
    returns: figures.returns,
    revenue: figures.spend,
    currency: figures.currency,
    channels: {
      store: figures.store.purchases,
      online: figures.online.purchases - figures.clickAndCollect.purchases,
      clickAndCollect: figures.clickAndCollect.purchases,
    },
    crossChannel: figures.crossChannel === 'buys online and in store',
    days: days.slice(-FACT_DAYS_KEPT),
  };
}

/**
 * Gaps at least this long (days since the customer's previous purchase day, or a first purchase)
 * share one key: a range is at most {@link FACT_DAYS_KEPT} days, so such a purchase is always the
 * customer's first in any range holding it.
 */
const FAR = 'far';

/**
 * One UTC day of a tenant's customer counters. Activity on the day: identified purchases,
 * and the customers who bought, by days since their previous purchase (`gaps`; `far` for a first
 * purchase or one long after the previous): a range's distinct customers are those whose gap
 * reaches back before the range. Cohort of the day (customers whose first purchase it was):
 * how many, how many bought again on a later day within 30 and 90 days, and their purchases,
 * revenue and days as customers up to the build (the CLV).
 */
export interface CustomerDayCounters {
  purchases: number;
  gaps: Record<string, number>;
  crossChannelGaps: Record<string, number>;
  newCustomers: number;
  repeat30: number;
  repeat90: number;
  cohortPurchases: number;
  cohortRevenue: number;
  /** Σ max(30, days from the first purchase to the build) over the cohort. */
  cohortCustomerDays: number;
}

export const emptyDayCounters = (): CustomerDayCounters => ({
  purchases: 0,
  gaps: {},
  crossChannelGaps: {},
  newCustomers: 0,
  repeat30: 0,
  repeat90: 0,
  cohortPurchases: 0,
  cohortRevenue: 0,
  cohortCustomerDays: 0,
});

/** Adds one customer's facts to the day counters (built on `asOf`, a UTC day). */
export function addCustomerToDays(
  counters: Map<string, CustomerDayCounters>,
  facts: Pick<CustomerFacts, 'firstDay' | 'secondDay' | 'purchases' | 'revenue' | 'crossChannel' | 'days'>,
  asOf: string,
): void {
  const at = (day: string) => {
    let found = counters.get(day);
    if (!found) counters.set(day, (found = emptyDayCounters()));
    return found;
  };
  const bump = (map: Record<string, number>, key: string) => (map[key] = (map[key] ?? 0) + 1);
  let previous: number | null = null;
  for (const { day, purchases } of facts.days) {
    const counter = at(day);
    counter.purchases += purchases;
    const n = dayNumber(day);
    // The oldest kept day of a long history was not the first: its gap is unknown, hence far.
    const gap = previous === null || n - previous >= FACT_DAYS_KEPT ? FAR : String(n - previous);
    bump(counter.gaps, gap);
    if (facts.crossChannel) bump(counter.crossChannelGaps, gap);
    previous = n;
  }
  const cohort = at(facts.firstDay);
  const first = dayNumber(facts.firstDay);
  const again = facts.secondDay === null ? null : dayNumber(facts.secondDay) - first;
  cohort.newCustomers += 1;
  if (again !== null && again <= 30) cohort.repeat30 += 1;
  if (again !== null && again <= 90) cohort.repeat90 += 1;
  cohort.cohortPurchases += facts.purchases;
  cohort.cohortRevenue += facts.revenue;
  cohort.cohortCustomerDays += Math.max(30, dayNumber(asOf) - first);
}

/** The brand's customer figures over a range (or one day), from the range's day counters. */
export interface CustomerKpis {
  /** Identified customers who bought in the range, each once. */
  customers: number;
  /** Their purchases in the range. */
  purchases: number;
  purchasesPerCustomer: number | null;
  /** Of `customers`, those who over their history bought online (delivered) and in store. */
  crossChannelCustomers: number;
  crossChannelShare: number | null;
  /** Customers whose first purchase falls in the range (the cohort of the figures below). */
  newCustomers: number;
  /** Of the cohort's customers acquired at least 30 (90) days before the build: bought again on a later day within 30 (90) days. */
  repurchaseRate30: number | null;
  repurchaseRate90: number | null;
  /** The cohort's revenue net of returns so far, per customer (minor units). */
  clvHistorical: number | null;
  /** average ticket × purchases per customer per year × expected years (minor units); see {@link predictedClv}. */
  clvPredicted: number | null;
  averageTicket: number | null;
  purchasesPerYear: number | null;
  expectedYears: number | null;
}

/** Expected years as a customer: 1 / (1 − 90-day repurchase rate), at most this. */
export const MAX_EXPECTED_YEARS = 10;

const ratio = (part: number, whole: number) => (whole > 0 ? part / whole : null);

/**
 * Predicted CLV = average ticket × purchases per customer per year × expected years, where
 * expected years = 1 / (1 − r) (at most {@link MAX_EXPECTED_YEARS}) and r is the 90-day
 * repurchase rate: a customer who comes back with probability r is taken to keep coming back so.
 */
export function predictedClv(
  averageTicket: number | null,
  purchasesPerYear: number | null,
  repurchaseRate90: number | null,
): { expectedYears: number | null; clv: number | null } {
  if (averageTicket === null || purchasesPerYear === null || repurchaseRate90 === null)
    return { expectedYears: null, clv: null };
  const expectedYears =
    repurchaseRate90 >= 1 ? MAX_EXPECTED_YEARS : Math.min(MAX_EXPECTED_YEARS, 1 / (1 - repurchaseRate90));
  return { expectedYears, clv: Math.round(averageTicket * purchasesPerYear * expectedYears) };
}

/**
 * The figures of `from`…`to` (UTC days) from the day counters built on `asOf`: sums of the
 * range's counters, never averages of daily ratios; a ratio over nothing is null.
 */
export function customerKpisOf(
  days: ReadonlyMap<string, CustomerDayCounters>,
  from: string,
  to: string,
  asOf: string,
): CustomerKpis {
  const start = dayNumber(from);
  const built = dayNumber(asOf);
  let customers = 0;
  let cross = 0;
  let purchases = 0;
  let newCustomers = 0;
  const mature = { 30: { cohort: 0, again: 0 }, 90: { cohort: 0, again: 0 } };
  let cohortPurchases = 0;
  let cohortRevenue = 0;
  let cohortDays = 0;
  const firstInRange = (gaps: Record<string, number>, offset: number) =>
    Object.entries(gaps).reduce(
      (sum, [gap, count]) => (gap === FAR || Number(gap) > offset ? sum + count : sum),
      0,
    );
  for (const [day, counter] of days) {
    if (day < from || day > to) continue;
    const n = dayNumber(day);
    purchases += counter.purchases;
    customers += firstInRange(counter.gaps, n - start);
    cross += firstInRange(counter.crossChannelGaps, n - start);
    newCustomers += counter.newCustomers;
    cohortPurchases += counter.cohortPurchases;
    cohortRevenue += counter.cohortRevenue;
    cohortDays += counter.cohortCustomerDays;
    if (built - n >= 30) {
      mature[30].cohort += counter.newCustomers;
      mature[30].again += counter.repeat30;
    }
    if (built - n >= 90) {
      mature[90].cohort += counter.newCustomers;
      mature[90].again += counter.repeat90;
    }
  }
  const averageTicket = cohortPurchases > 0 ? Math.round(cohortRevenue / cohortPurchases) : null;
  const purchasesPerYear =
    cohortDays > 0 ? Math.round((cohortPurchases / (cohortDays / 365)) * 100) / 100 : null;
  const repurchaseRate90 = ratio(mature[90].again, mature[90].cohort);
  const predicted = predictedClv(averageTicket, purchasesPerYear, repurchaseRate90);
  return {
    customers,
    purchases,
    purchasesPerCustomer: ratio(purchases, customers),
    crossChannelCustomers: cross,
    crossChannelShare: ratio(cross, customers),
    newCustomers,
    repurchaseRate30: ratio(mature[30].again, mature[30].cohort),
    repurchaseRate90,
    clvHistorical: newCustomers > 0 ? Math.round(cohortRevenue / newCustomers) : null,
    clvPredicted: predicted.clv,
    averageTicket,
    purchasesPerYear,
    expectedYears: predicted.expectedYears,
  };
}
