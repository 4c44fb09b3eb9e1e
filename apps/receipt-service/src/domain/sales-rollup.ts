/**
 * The receipt service's daily figures per tenant and store (the back office's KPI dashboard reads
 * these, never the sales): counters a consumer adds to once per event, and the ratios derived from
 * them when they are read. Pure: the store applies a contribution with `$inc`, guarded by the
 * event's key (sales-rollups.ts).
 */
export const rollupCounters = [
  /** Sales (not returns) recorded. */
  'sales',
  /** What the sales took, in minor units (totals, discounts applied). */
  'grossRevenue',
  /** Returns recorded. */
  'returns',
  /** What the returns gave back, in minor units (a positive amount). */
  'refunded',
  /** Sales that named a customer (card, e-mail, phone…). */
  'identified',
  /** Sales whose receipt the till asked to e-mail. */
  'emailed',
  /** Sales whose receipt the till sent to the member's app. */
  'inApp',
  /**
   * Sales printed with a claim QR code that can still be claimed: without an e-mail at the till,
   * less those whose code was withdrawn (loyalty told that the card's member has an e-mail).
   */
  'claimable',
  /** Sales whose QR code a customer scanned to claim the receipt. */
  'claimed',
  /** Sales with a digital receipt: e-mailed, in the app, or claimed (each sale once). */
  'digital',
  /** Receipt e-mails (till, claim or resend) that the mail server took, on their sale's day. */
  'emailsSent',
  /** Receipt e-mails that failed for good (every attempt used up). */
  'emailsFailed',
  /** Receipt e-mails not sent because the address had opted out (or its owner was erased). */
  'emailsSuppressed',
  /** Addresses that opted out of receipt e-mails from a receipt's link, on that sale's day. */
  'optOuts',
] as const;

export type RollupCounter = (typeof rollupCounters)[number];
export type RollupFigures = Record<RollupCounter, number>;

export const emptyFigures = (): RollupFigures =>
  Object.fromEntries(rollupCounters.map((name) => [name, 0])) as RollupFigures;

/** `YYYY-MM-DD` of an instant in UTC. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

const dayFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * The day a sale counts on: its calendar day in the store's time zone (what the receipt prints and
 * what a store manager calls "Saturday's sales"), not in UTC: a sale at 00:30 in Milan on
 * 23 November is 22 November 23:30 UTC and counts on the 23rd. Without a known zone, the date the
 * till wrote (`2026-11-23T00:30:00+01:00`, the store's wall clock), else the UTC day.
 */
export function storeDay(at: Date, timeZone: string | null, tillStamp?: string): string {
  if (timeZone !== null) {
    let format = dayFormats.get(timeZone);
    if (!format) {
      // en-CA writes dates as YYYY-MM-DD.
      format = new Intl.DateTimeFormat('en-CA', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      });
      dayFormats.set(timeZone, format);
    }
    return format.format(at);
  }
  if (tillStamp !== undefined && /^\d{4}-\d{2}-\d{2}T/.test(tillStamp)) return tillStamp.slice(0, 10);
  return utcDay(at);
}

/** The rollup document of a tenant's store on a day. */
export function rollupId(tenantId: string, storeId: string, day: string): string {
  return `${tenantId}|${storeId}|${day}`;
}

/** What the stored transaction says about a recorded sale or return. */
export interface RecordedTransactionFacts {
  type: 'sale' | 'return';
  /** The transaction's total in minor units (a return's may be given either sign). */
  total: number;
  /** The till named a customer. */
  identified: boolean;
  /** The customer's `receiptDelivery` wishes (`email`, `app`, `paper`). */
  receiptDelivery: readonly string[];
  /** The customer gave an e-mail address (an e-mail receipt needs one). */
  hasEmail: boolean;
  /** The receipt was printed with a claim code. */
  claimable: boolean;
}

/** What one `transaction.recorded` adds to its day. */
export function recordedContribution(facts: RecordedTransactionFacts): Partial<RollupFigures> {
  if (facts.type === 'return') return { returns: 1, refunded: Math.abs(facts.total) };
  const emailed = facts.hasEmail && facts.receiptDelivery.includes('email');
  const inApp = facts.identified && facts.receiptDelivery.includes('app');
  return {
    sales: 1,
    grossRevenue: facts.total,
    identified: facts.identified ? 1 : 0,
    emailed: emailed ? 1 : 0,
    inApp: inApp ? 1 : 0,
    claimable: facts.claimable ? 1 : 0,
    digital: emailed || inApp ? 1 : 0,
  };
}

/**
 * What one `receipt.claimed` adds to its sale's day. Only an anonymous sale has a claim code, and
 * an anonymous sale has no e-mail or app receipt, so a claim makes a sale digital that was not.
 */
export function claimContribution(): Partial<RollupFigures> {
  return { claimed: 1, digital: 1 };
}

/**
 * What a withdrawn claim code takes from its sale's day: the sale was counted claimable when it
 * was recorded, and its code no longer is (loyalty told that the card's member has an e-mail).
 */
export function withdrawalContribution(): Partial<RollupFigures> {
  return { claimable: -1 };
}

/** What a delivery that reached its last state adds to its sale's day. */
export function deliveryContribution(state: 'sent' | 'failed' | 'suppressed'): Partial<RollupFigures> {
  if (state === 'sent') return { emailsSent: 1 };
  if (state === 'failed') return { emailsFailed: 1 };
  return { emailsSuppressed: 1 };
}

/** What an address opting out from a receipt's unsubscribe link adds to that sale's day. */
export function optOutContribution(): Partial<RollupFigures> {
  return { optOuts: 1 };
}

export function sumFigures(days: readonly Partial<RollupFigures>[]): RollupFigures {
  const total = emptyFigures();
  for (const day of days) for (const name of rollupCounters) total[name] += day[name] ?? 0;
  return total;
}

/** The dashboard's receipt figures; a ratio is null when its denominator is zero. */
export interface SalesKpis {
  sales: number;
  /** Net revenue: sales minus refunds, minor units. */
  revenue: number;
  /** Gross revenue per sale, minor units (rounded). */
  averageTicket: number | null;
  /** Refunded amount over gross revenue. */
  returnsRate: number | null;
  /** Identified sales over sales. */
  identifiedShare: number | null;
  /** Sales with an e-mailed, in-app or claimed receipt, over sales. */
  digitalReceiptShare: number | null;
  /** Claimed QR codes over receipts printed with one. */
  qrClaimRate: number | null;
  /** Receipt e-mails sent over those that ended sent or failed (suppressed ones left out). */
  emailDeliveryRate: number | null;
  /** Opt-outs from a receipt's link over receipt e-mails sent. */
  optOutRate: number | null;
}

const ratio = (part: number, whole: number) => (whole === 0 ? null : part / whole);

export function salesKpis(figures: RollupFigures): SalesKpis {
  return {
    sales: figures.sales,
    revenue: figures.grossRevenue - figures.refunded,
    averageTicket: figures.sales === 0 ? null : Math.round(figures.grossRevenue / figures.sales),
    returnsRate: ratio(figures.refunded, figures.grossRevenue),
    identifiedShare: ratio(figures.identified, figures.sales),
    digitalReceiptShare: ratio(figures.digital, figures.sales),
    qrClaimRate: ratio(figures.claimed, figures.claimable),
    emailDeliveryRate: ratio(figures.emailsSent, figures.emailsSent + figures.emailsFailed),
    optOutRate: ratio(figures.optOuts, figures.emailsSent),
  };
}
