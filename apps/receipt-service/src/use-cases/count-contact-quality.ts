import { isPlaceholderEmail, normaliseIdentifier } from '@scontrino/identity';
import {
  addContactQuality,
  badEmailShare,
  cashierKey,
  type ContactQualityFigures,
  contactQualityContribution,
  emptyContactQuality,
  type TillEmail,
} from '../domain/contact-quality.js';
import { customerFieldContext } from '../domain/customer-protection.js';
import {
  type ContactQualityRollups,
  type KnownTransaction,
  type SaleQuality,
  tillContactFacts,
  type TillContactFacts,
} from '../store/contact-quality-rollups.js';
import type { ReceiptCrypto } from '../store/receipt-crypto.js';

export interface ContactQualityDeps {
  rollups: ContactQualityRollups;
  crypto: Pick<ReceiptCrypto, 'cipher'>;
}

/** A stored e-mail as the data-quality page counts it: not readable (no hash), a placeholder, or usable. */
function classify(deps: ContactQualityDeps, email: TillContactFacts['email']): TillEmail {
  if (email === null) return 'none';
  if (email.hash === null) return 'invalid';
  const typed = deps.crypto.cipher.decrypt(email.encrypted, customerFieldContext('email'));
  const normalised = normaliseIdentifier('email', typed, {});
  return normalised.ok && isPlaceholderEmail(normalised.identifier.value) ? 'placeholder' : 'valid';
}

/**
 * Counts recorded sales in their store's day and cashier (once each, however often their events
 * come), those of one store's day in one update. `known`: the sale as the consumer read it (null:
 * gone); absent: read here. The address is decrypted only to tell a placeholder, never kept or
 * logged. Per sale, whether it counted now, or the error that stopped it.
 */
export async function countContactQualityOfSales(
  deps: ContactQualityDeps,
  sales: readonly { transactionId: string; known?: KnownTransaction | null }[],
): Promise<(boolean | Error)[]> {
  const outcomes: (boolean | Error)[] = sales.map(() => false);
  const counted: { index: number; quality: SaleQuality }[] = [];
  for (const [index, { transactionId, known }] of sales.entries()) {
    try {
      const facts =
        known === undefined ? await deps.rollups.readFacts(transactionId) : known && tillContactFacts(known);
      if (!facts) continue;
      const contribution = contactQualityContribution(facts.type, classify(deps, facts.email));
      if (!contribution) continue;
      counted.push({
        index,
        quality: { transactionId, facts, cashier: cashierKey(facts.cashierId), contribution },
      });
    } catch (error) {
      outcomes[index] = error instanceof Error ? error : new Error(String(error));
    }
  }
  const recorded = await deps.rollups.recordAll(counted.map(({ quality }) => quality));
  counted.forEach(({ index }, n) => (outcomes[index] = recorded[n]!));
  return outcomes;
}

export interface QualityRow extends ContactQualityFigures {
  /** Invalid and placeholder e-mails over sales; null without sales. */
  badEmailShare: number | null;
}

export interface ContactQualityReport {
  tenantId: string;
  storeId: string | null;
  from: string;
  to: string;
  total: QualityRow;
  stores: (QualityRow & { storeId: string })[];
  cashiers: (QualityRow & { storeId: string; cashier: string })[];
}

const row = (figures: ContactQualityFigures): QualityRow => ({
  ...figures,
  badEmailShare: badEmailShare(figures),
});

/**
 * Sales with an invalid or placeholder e-mail per store and per cashier over a range of days, from
 * the rollups. `allow` sees the tenant alone when no store is named (refused to a store manager).
 */
export async function readContactQuality(
  rollups: Pick<ContactQualityRollups, 'read'>,
  query: { tenantId: string; storeId?: string | undefined; from: string; to: string },
  allow: (scope: { tenantId: string; storeId?: string }) => void,
): Promise<ContactQualityReport> {
  allow({ tenantId: query.tenantId, ...(query.storeId !== undefined && { storeId: query.storeId }) });
  const days = await rollups.read({
    tenantId: query.tenantId,
    storeIds: query.storeId === undefined ? null : [query.storeId],
    from: query.from,
    to: query.to,
  });
  const total = emptyContactQuality();
  const stores = new Map<string, ContactQualityFigures>();
  const cashiers = new Map<string, { storeId: string; cashier: string; figures: ContactQualityFigures }>();
  for (const day of days) {
    addContactQuality(total, day);
    const store = stores.get(day.storeId) ?? emptyContactQuality();
    stores.set(day.storeId, addContactQuality(store, day));
    for (const [cashier, figures] of Object.entries(day.cashiers)) {
      const key = `${day.storeId}|${cashier}`;
      const entry = cashiers.get(key) ?? { storeId: day.storeId, cashier, figures: emptyContactQuality() };
      addContactQuality(entry.figures, figures);
      cashiers.set(key, entry);
    }
  }
  const worstFirst = (x: QualityRow, y: QualityRow) => (y.badEmailShare ?? 0) - (x.badEmailShare ?? 0);
  return {
    tenantId: query.tenantId,
    storeId: query.storeId ?? null,
    from: query.from,
    to: query.to,
    total: row(total),
    stores: [...stores].map(([storeId, figures]) => ({ storeId, ...row(figures) })).sort(worstFirst),
    cashiers: [...cashiers.values()]
      .map(({ storeId, cashier, figures }) => ({ storeId, cashier, ...row(figures) }))
      .sort(worstFirst),
  };
}
