import { brands, memberPool, type Member, stores as catalogueStores } from '../catalogue/index.js';
import { createReceiptClient } from '../clients/receipt-client.js';
import { createLoyaltyStaffClient } from '../clients/loyalty-staff-client.js';
import { enrolAtTill } from '../clients/member-enrolment.js';
import { createBrands, issueTerminalKeys, tillKey } from '../clients/terminal-keys.js';
import { buildSale } from '../generate/sale.js';
import { createRandom } from '../random.js';
import { createHttp } from '../run/http.js';
import { createMetrics } from '../run/metrics.js';
import type { SimulationReport } from '../run/report.js';
import { simulate } from '../simulate.js';
import { demoProgram } from './demo-programs.js';

/**
 * How long the demo's tills and apps wait for an answer: as long as a real till would (30 s), not
 * the load simulator's 10 s. The demo seeds data on whatever machine runs `npm start`, often busy
 * building; an answer that comes late is still an answer, and a missing one would be missing data.
 */
const DEMO_TIMEOUT_MS = 30_000;

export interface DemoTargets {
  receiptUrl: string;
  loyaltyUrl: string;
  reconciliationUrl: string;
  /** The simulator's service-to-service calls (claims counted apart, members looked up). */
  serviceToken: string;
  /** The back office: stores, till keys, loyalty programs. An admin of both brands. */
  staffToken: string;
}

export interface DemoOptions {
  /** Members enrolled per brand; the traffic's identified customers are drawn from them. */
  membersPerBrand: number;
  /** Arrivals of the history (sales, returns, web orders, claims, redemptions). */
  arrivals: number;
  /** Arrivals per second while the history is written. */
  rate: number;
  now?: () => Date;
  log?: (line: string) => void;
  /** One call per arrival ended, for a progress display. */
  onArrivalEnd?: () => void;
}

/** What the demo prints: where to look, and whom to sign in as. */
export interface DemoData {
  member: { name: string; email: string; cardNumber: string; tenantId: string };
  /** The hosted page of the demo member's sale, made last. */
  receiptUrl: string;
  /** An anonymous sale's claim page: what the QR code on its paper slip opens. */
  claimUrl: string;
  enrolled: number;
  history: SimulationReport;
}

const DEMO_SEED = 'scontrino-demo';
const ENROL_CONCURRENCY = 4;

async function inBatches<T>(items: readonly T[], size: number, each: (item: T) => Promise<void>) {
  for (let start = 0; start < items.length; start += size)
    await Promise.all(items.slice(start, start + size).map(each));
}

/**
 * Fills an empty stack the way a retailer's first weeks would: the brands, each brand's stores and till keys,
 * its loyalty program with a campaign running now, its members enrolled (cards, e-mails, consent),
 * then a history of sales, returns, web orders, claims and redemptions from the POS simulator,
 * all through the services' public APIs. Ends with one sale of the demo member and one anonymous
 * sale, whose links it returns.
 */
export async function seedDemo(targets: DemoTargets, options: DemoOptions): Promise<DemoData> {
  const now = options.now ?? (() => new Date());
  const log = options.log ?? (() => undefined);
  const backOffice = createLoyaltyStaffClient(targets.loyaltyUrl, targets.staffToken);

  // Every service refuses a call naming a brand nobody created: the brands come first.
  await createBrands(
    targets.receiptUrl,
    targets.staffToken,
    Object.values(brands).map(({ tenantId }) => tenantId),
  );
  log(
    `brands created: ${Object.values(brands)
      .map(({ name }) => name)
      .join(', ')}`,
  );
  for (const brand of Object.values(brands)) {
    await backOffice.program.activate.mutate({
      tenantId: brand.tenantId,
      config: demoProgram(brand.kind, now()),
      author: 'demo',
      note: 'Demo program with a seasonal campaign',
    });
  }
  log(`loyalty programs active for ${Object.keys(brands).length} brands`);

  const members = Object.values(brands).flatMap(({ tenantId }) =>
    memberPool(tenantId, options.membersPerBrand),
  );
  // Members join at a till of their brand's first store, with that till's own terminal key
  // (`POST /v1/members`), as the service token is kept between services.
  const enrolmentTills = new Map<string, string>();
  for (const { tenantId } of Object.values(brands)) {
    const store = catalogueStores.find(({ profile }) => profile.tenantId === tenantId);
    const terminalId = store?.terminals[0];
    if (!store || !terminalId) throw new Error(`no store with a till for ${tenantId}`);
    const keys = await issueTerminalKeys(targets.receiptUrl, targets.staffToken, [store]);
    enrolmentTills.set(tenantId, keys.get(tillKey(store.profile.storeId, terminalId)) as string);
  }
  let enrolled = 0;
  await inBatches(members, ENROL_CONCURRENCY, async (member) => {
    const outcome = await enrolAtTill(targets.loyaltyUrl, enrolmentTills.get(member.tenantId) as string, {
      tenantId: member.tenantId,
      email: member.email,
      name: `${member.firstName} ${member.lastName}`,
      cardNumbers: [member.cardNumber],
      marketingConsent: member.number % 3 !== 0,
    });
    // `exists`: seeded before (a kept stack), the member is there already.
    if (outcome === 'enrolled') enrolled += 1;
  });
  log(`${enrolled} members enrolled`);

  const history = await simulate({
    ...targets,
    rate: options.rate,
    count: options.arrivals,
    seed: DEMO_SEED,
    membersPerBrand: options.membersPerBrand,
    timeoutMs: DEMO_TIMEOUT_MS,
    ...(options.onArrivalEnd && { onArrivalEnd: options.onArrivalEnd }),
  });
  log(
    `history: ${history.arrivals.started} arrivals in ${history.arrivals.elapsedS} s, ${history.totals.accepted} requests accepted, ${history.unexpectedFailures} unexpected failures`,
  );

  const showcase = await showcaseSales(targets, members[0] as Member, now());
  return { member: describe(members[0] as Member), ...showcase, enrolled, history };
}

function describe(member: Member): DemoData['member'] {
  const { email, cardNumber, tenantId } = member;
  return { name: `${member.firstName} ${member.lastName}`, email, cardNumber, tenantId };
}

/** The demo member's sale at the flagship store (emailed), and an anonymous one to claim. */
async function showcaseSales(targets: DemoTargets, member: Member, now: Date) {
  const store = catalogueStores.find(({ profile }) => profile.tenantId === member.tenantId);
  if (!store) throw new Error(`no store of ${member.tenantId}`);
  const keys = await issueTerminalKeys(targets.receiptUrl, targets.staffToken, [store]);
  const metrics = createMetrics();
  const receipts = createReceiptClient(
    createHttp({ metrics, timeoutMs: DEMO_TIMEOUT_MS }),
    targets.receiptUrl,
  );
  const brand = Object.values(brands).find(({ tenantId }) => tenantId === member.tenantId);
  if (!brand) throw new Error(`no brand ${member.tenantId}`);
  const random = createRandom(`${DEMO_SEED}/showcase/${now.toISOString()}`);
  const context = (sequence: number) => ({
    store,
    brand,
    runId: `demo${now.getTime().toString(36)}`,
    sequence,
    now,
  });
  const record = async (sale: ReturnType<typeof buildSale>) => {
    const key = keys.get(tillKey(store.profile.storeId, sale.terminalId));
    if (!key) throw new Error(`no key for till ${sale.terminalId}`);
    const recorded = await receipts.record('sale', sale, key);
    if (!recorded) throw new Error(`the showcase sale ${sale.transactionId} was refused`);
    return recorded;
  };
  try {
    const own = await record(
      buildSale(random, context(1), {
        loyaltyCardNumber: member.cardNumber,
        email: member.email,
        receiptDelivery: ['email', 'app'],
      }),
    );
    const anonymous = await record(buildSale(random, context(2)));
    if (!anonymous.claimUrl) throw new Error('the anonymous showcase sale has no claim link');
    return { receiptUrl: own.receiptUrl, claimUrl: anonymous.claimUrl };
  } finally {
    metrics.close();
  }
}
