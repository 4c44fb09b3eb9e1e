import { reconciliationClient } from '@scontrino/reconciliation-service/bench/api-client';
import {
  type ComparedProfile,
  defaultGraphConfig,
  type ObservationSighting,
  rebuildFromObservations,
} from '@scontrino/reconciliation-service/graph-rebuild';
import { type ReceivedMail, type Stack, withDatabaseName } from '@scontrino/stack';
import mongoose from 'mongoose';
import { BRAND } from './estate.js';
import type { SentClaim, SentOrder, SentTransaction } from './tills.js';

/** One copy of a receipt e-mail at the relay. */
export interface RelayedMail {
  messageId: string;
  /** The envelope's recipients, lower-cased. */
  to: string[];
}

/** What the checker reads after the run: the stores of each service, the mails at the relay. */
export interface Facts {
  /** Receipt service: POS id (`storeId/transactionId`) → the record ids stored for it. */
  recorded: Map<string, string[]>;
  /** Receipt service: receipt id → the states of its e-mail deliveries (to the till's address, or resent). */
  deliveries: Map<string, string[]>;
  /** Receipt service: receipt id → the states of its deliveries to the address it was claimed with. */
  claimDeliveries: Map<string, string[]>;
  /** Receipt service: receipt id → how many claims are stored for it. */
  claimsRecorded: Map<string, number>;
  /** At the relay: receipt id (`X-Scontrino-Receipt`) → each copy received. */
  mails: Map<string, RelayedMail[]>;
  /** Loyalty service: ledger business key (`earn:txn_…`, `reverse:txn_…`) → how many entries hold it. */
  ledgerKeys: Map<string, number>;
  /** Loyalty service: member id → Σ of the pending and active moves of all its entries. */
  recomputed: Map<string, { pending: number; active: number }>;
  /** Loyalty service (`members.lookup`): card → the balance members see, and the member id. */
  balances: Map<string, { memberId: string; pending: number; active: number } | null>;
  /** Reconciliation service: observation id (`txn:<record id>`, `claim:<receipt id>`, `order:…`) → linked. */
  linked: Map<string, boolean>;
  /** Reconciliation service: a web order's purchase key (`order:…`) → the totals of the observations holding it. */
  orders: Map<string, number[]>;
  /**
   * Reconciliation service: the live profiles as `profiles.list` gives them, and those of a rebuild
   * from scratch of the stored observations and curation decisions.
   */
  profiles: { stored: ComparedProfile[]; rebuilt: ComparedProfile[]; unread: string | null };
}

export const posKey = (storeId: string, transactionId: string) => `${storeId}/${transactionId}`;

/** Collects every receipt e-mail the relay accepts, all run long (the sink keeps only the last 1000). */
export function collectMails(stack: Stack) {
  const mails = new Map<string, RelayedMail[]>();
  const stop = stack.mail.onMail((mail: ReceivedMail) => {
    const receiptId = mail.headers['x-scontrino-receipt'];
    if (!receiptId) return;
    const copy = {
      messageId: mail.headers['message-id'] ?? mail.id,
      to: mail.envelope.to.map((address) => address.toLowerCase()),
    };
    mails.set(receiptId, [...(mails.get(receiptId) ?? []), copy]);
  });
  return { mails, stop };
}

async function inParallel<T>(items: readonly T[], concurrency: number, each: (item: T) => Promise<void>) {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(concurrency, items.length) }, async () => {
      while (next < items.length) {
        const item = items[next] as T;
        next += 1;
        await each(item);
      }
    }),
  );
}

interface Move {
  pending?: number;
  active?: number;
}

/** Reads the databases directly (not through the fault proxy) and the services' APIs. */
export async function gatherFacts(
  stack: Stack,
  traffic: {
    sent: readonly SentTransaction[];
    claims: readonly SentClaim[];
    orders: readonly SentOrder[];
  },
  mails: Map<string, RelayedMail[]>,
): Promise<Facts> {
  const { sent, claims, orders } = traffic;
  const open = (name: string) =>
    mongoose.createConnection(withDatabaseName(stack.database.url, `scontrino_${name}`)).asPromise();
  const [receipt, loyalty, reconciliationDb] = await Promise.all([
    open('receipt'),
    open('loyalty'),
    open('reconciliation'),
  ]);
  try {
    const recorded = new Map<string, string[]>();
    for (const document of await receipt
      .collection<{ _id: string; storeId: string; transactionId: string }>('transactions')
      .find({}, { projection: { storeId: 1, transactionId: 1 } })
      .toArray()) {
      const key = posKey(document.storeId, document.transactionId);
      recorded.set(key, [...(recorded.get(key) ?? []), document._id]);
    }
    const deliveries = new Map<string, string[]>();
    const claimDeliveries = new Map<string, string[]>();
    for (const document of await receipt
      .collection<{ _id: string; receiptId: string; state: string; source: string }>('receipt_deliveries')
      .find({}, { projection: { receiptId: 1, state: 1, source: 1 } })
      .toArray()) {
      const into = document.source === 'claim' ? claimDeliveries : deliveries;
      into.set(document.receiptId, [...(into.get(document.receiptId) ?? []), document.state]);
    }
    const claimsRecorded = new Map<string, number>();
    for (const document of await receipt
      .collection<{ _id: string; receiptId: string }>('receipt_claims')
      .find({}, { projection: { receiptId: 1 } })
      .toArray())
      claimsRecorded.set(document.receiptId, (claimsRecorded.get(document.receiptId) ?? 0) + 1);

    const ledgerKeys = new Map<string, number>();
    const recomputed = new Map<string, { pending: number; active: number }>();
    for (const entry of await loyalty
      .collection<{ _id: string; memberId: string; businessKey: string; kind: string; moves: Move[] }>(
        'ledger_entries',
      )
      .find({}, { projection: { memberId: 1, businessKey: 1, kind: 1, moves: 1 } })
      .toArray()) {
      ledgerKeys.set(entry.businessKey, (ledgerKeys.get(entry.businessKey) ?? 0) + 1);
      const sum = recomputed.get(entry.memberId) ?? { pending: 0, active: 0 };
      if (entry.kind !== 'transfer_out')
        for (const move of entry.moves) {
          sum.pending += move.pending ?? 0;
          sum.active += move.active ?? 0;
        }
      recomputed.set(entry.memberId, sum);
    }

    const loyaltyUrl = stack.services.find((service) => service.name === 'loyalty')?.url ?? '';
    const reconciliationUrl = stack.services.find((service) => service.name === 'reconciliation')?.url ?? '';
    const { createLoyaltyStaffClient } = await import('@scontrino/pos-simulator');
    const lookups = createLoyaltyStaffClient(loyaltyUrl, stack.serviceToken);
    const balances = new Map<string, { memberId: string; pending: number; active: number } | null>();
    const cards = [...new Set([...sent, ...claims].flatMap((one) => (one.member ? [one.member] : [])))];
    await inParallel(cards, 4, async (member) => {
      const found = await lookups.members.lookup
        .query({ tenantId: member.tenantId, cardNumber: member.cardNumber })
        .catch(() => null);
      balances.set(
        member.cardNumber,
        found && { memberId: found.memberId, pending: found.balance.pending, active: found.balance.active },
      );
    });

    const reconciliation = reconciliationClient(reconciliationUrl, stack.serviceToken);
    const linked = new Map<string, boolean>();
    const observed = [
      ...sent
        .filter((one) => one.type === 'sale' && one.acknowledged && one.body.customer)
        .map((one) => `txn:${one.acknowledged?.recordId ?? ''}`),
      ...claims.filter((one) => one.accepted).map((one) => `claim:${one.receiptId}`),
      ...orders.flatMap((one) => (one.observationId ? [one.observationId] : [])),
    ];
    await inParallel(observed, 4, async (id) => {
      linked.set(id, await reconciliation.calls.linked(id).catch(() => false));
    });

    const observations = await reconciliationDb
      .collection<StoredObservation>('observations')
      .find(
        { tenantId: BRAND.tenantId },
        { projection: { at: 1, rule: 1, kind: 1, purchase: 1, identifiers: 1 } },
      )
      .toArray();
    const ordersStored = new Map<string, number[]>();
    for (const observation of observations)
      if (observation.kind === 'order' && observation.purchase)
        ordersStored.set(observation.purchase.key, [
          ...(ordersStored.get(observation.purchase.key) ?? []),
          observation.purchase.amount,
        ]);
    // Read again on the next round of the drain when the service cannot answer yet.
    let unread: string | null = null;
    const stored = (
      await reconciliation.allProfiles(BRAND.tenantId).catch((error: unknown) => {
        unread = `profiles.list failed: ${error instanceof Error ? error.message : String(error)}`;
        return [];
      })
    ).map((profile) => ({
      profileId: profile.profileId,
      householdId: profile.householdId,
      identifierIds: profile.identifiers.map((one) => `${BRAND.tenantId}:${one.type}:${one.hash}`),
    }));
    const rebuilt = rebuildFromObservations(
      observations.map((observation): ObservationSighting => ({
        observationId: observation._id,
        at: observation.at.getTime(),
        rule: observation.rule,
        identifiers: observation.identifiers,
      })),
      await curationOf(reconciliationDb, BRAND.tenantId),
      defaultGraphConfig,
      Date.now(),
    ).profiles;
    return {
      recorded,
      deliveries,
      claimDeliveries,
      claimsRecorded,
      mails,
      ledgerKeys,
      recomputed,
      balances,
      linked,
      orders: ordersStored,
      profiles: { stored, rebuilt, unread },
    };
  } finally {
    await Promise.all([receipt.close(), loyalty.close(), reconciliationDb.close()]);
  }
}

interface StoredObservation {
  _id: string;
  kind: string;
  at: Date;
  rule: ObservationSighting['rule'];
  purchase: { key: string; amount: number } | null;
  identifiers: ObservationSighting['identifiers'];
}

/**
 * What staff and the match model decided, as the reconciliation service keeps it: the cuts,
 * quarantines and overrides in force on the identifiers (an override replaced by its opposite is
 * no longer named there), and the erased identifiers' tombstones.
 */
async function curationOf(database: mongoose.Connection, tenantId: string) {
  const identifiers = await database
    .collection<{
      _id: string;
      cutLinkIds: string[];
      overrideIds: string[];
      quarantined: { reason: 'blocklist' | 'junk' | 'staff' } | null;
    }>('identifiers')
    .find({ tenantId }, { projection: { cutLinkIds: 1, overrideIds: 1, quarantined: 1 } })
    .toArray();
  const overrideIds = new Set(identifiers.flatMap((one) => one.overrideIds));
  const overrides = await database
    .collection<{ _id: string; kind: string; a: string; b: string }>('overrides')
    .find({ tenantId }, { projection: { kind: 1, a: 1, b: 1 } })
    .toArray();
  const inForce = (kind: string) =>
    overrides
      .filter((one) => one.kind === kind && overrideIds.has(one._id))
      .map((one) => ({ a: one.a, b: one.b }));
  const tombstones = await database
    .collection<{ _id: string }>('identifier_tombstones')
    .find({ tenantId }, { projection: { _id: 1 } })
    .toArray();
  return {
    cutLinkIds: new Set(identifiers.flatMap((one) => one.cutLinkIds)),
    overrides: { neverLink: inForce('never-link'), mustLink: inForce('must-link') },
    quarantined: new Map(
      identifiers.flatMap((one) => (one.quarantined ? [[one._id, one.quarantined.reason] as const] : [])),
    ),
    erased: new Set(tombstones.map((one) => one._id)),
  };
}
