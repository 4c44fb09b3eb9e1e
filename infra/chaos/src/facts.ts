import { reconciliationClient } from '@scontrino/reconciliation-service/bench/api-client';
import { type ReceivedMail, type Stack, withDatabaseName } from '@scontrino/stack';
import mongoose from 'mongoose';
import type { SentTransaction } from './tills.js';

/** What the checker reads after the run: the stores of each service, the mails at the relay. */
export interface Facts {
  /** Receipt service: POS id (`storeId/transactionId`) → the record ids stored for it. */
  recorded: Map<string, string[]>;
  /** Receipt service: receipt id → the states of its e-mail deliveries. */
  deliveries: Map<string, string[]>;
  /** At the relay: receipt id (`X-Scontrino-Receipt`) → the Message-ID of each copy received. */
  mails: Map<string, string[]>;
  /** Loyalty service: ledger business key (`earn:txn_…`, `reverse:txn_…`) → how many entries hold it. */
  ledgerKeys: Map<string, number>;
  /** Loyalty service: member id → Σ of the pending and active moves of all its entries. */
  recomputed: Map<string, { pending: number; active: number }>;
  /** Loyalty service (`members.lookup`): card → the balance members see, and the member id. */
  balances: Map<string, { memberId: string; pending: number; active: number } | null>;
  /** Reconciliation service: observation id (`txn:<record id>`) → linked. */
  linked: Map<string, boolean>;
}

export const posKey = (storeId: string, transactionId: string) => `${storeId}/${transactionId}`;

/** Collects every receipt e-mail the relay accepts, all run long (the sink keeps only the last 1000). */
export function collectMails(stack: Stack) {
  const mails = new Map<string, string[]>();
  const stop = stack.mail.onMail((mail: ReceivedMail) => {
    const receiptId = mail.headers['x-scontrino-receipt'];
    if (!receiptId) return;
    mails.set(receiptId, [...(mails.get(receiptId) ?? []), mail.headers['message-id'] ?? mail.id]);
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
  sent: readonly SentTransaction[],
  mails: Map<string, string[]>,
): Promise<Facts> {
  const open = (name: string) =>
    mongoose.createConnection(withDatabaseName(stack.database.url, `scontrino_${name}`)).asPromise();
  const [receipt, loyalty] = await Promise.all([open('receipt'), open('loyalty')]);
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
    for (const document of await receipt
      .collection<{ _id: string; receiptId: string; state: string }>('receipt_deliveries')
      .find({}, { projection: { receiptId: 1, state: 1 } })
      .toArray())
      deliveries.set(document.receiptId, [...(deliveries.get(document.receiptId) ?? []), document.state]);

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
    const cards = [...new Set(sent.flatMap((one) => (one.member ? [one.member] : [])))];
    await inParallel(cards, 4, async (member) => {
      const found = await lookups.members.lookup
        .query({ tenantId: member.tenantId, cardNumber: member.cardNumber })
        .catch(() => null);
      balances.set(
        member.cardNumber,
        found && { memberId: found.memberId, pending: found.balance.pending, active: found.balance.active },
      );
    });

    const reconciliation = reconciliationClient(reconciliationUrl, stack.serviceToken).calls;
    const linked = new Map<string, boolean>();
    const observed = sent.filter((one) => one.type === 'sale' && one.acknowledged && one.body.customer);
    await inParallel(observed, 4, async (one) => {
      const id = `txn:${one.acknowledged?.recordId ?? ''}`;
      linked.set(id, await reconciliation.linked(id).catch(() => false));
    });
    return { recorded, deliveries, mails, ledgerKeys, recomputed, balances, linked };
  } finally {
    await Promise.all([receipt.close(), loyalty.close()]);
  }
}
