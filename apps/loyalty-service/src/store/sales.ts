import type { EventEnvelope, TransactionRecordedPayload } from '@scontrino/contracts';
import { ensureIndexes, insertEach, isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type OutboxFields, outboxFields, withOutbox, type WrittenOutbox } from '@scontrino/queue';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * The loyalty service's own copy of every recorded sale and return, as the receipt service's
 * event carried it: what a dry run replays, and what a late claim or a return is earned or
 * reversed against. Identifiers are look-up hashes and sealed (encrypted) values only. A card sale
 * loyalty credits to nobody carries its `sale.credited` in its outbox (a credited one's is in its
 * ledger entry).
 */
interface SaleDocument extends Partial<OutboxFields> {
  /** The receipt service's id (txn_…): one document per sale, so a replayed event is a duplicate. */
  _id: string;
  tenantId: string;
  type: TransactionRecordedPayload['type'];
  occurredAt: Date;
  /** The identifiers' look-up hashes, at the top level: an erasure finds the person's sales by index. */
  identifierHashes: string[];
  payload: TransactionRecordedPayload;
}

const saleSchema = new Schema<SaleDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    type: { type: String, required: true, enum: ['sale', 'return'] },
    occurredAt: { type: Date, required: true },
    identifierHashes: { type: [String], default: [], index: true },
    payload: { type: Schema.Types.Mixed, required: true },
    ...outboxFields,
  },
  { collection: 'sales', versionKey: false, minimize: false },
);
saleSchema.index({ tenantId: 1, occurredAt: 1 });

export function saleModel(connection: Connection): Model<SaleDocument> {
  return modelOn<SaleDocument>(connection, 'Sale', saleSchema);
}

export interface SalesArchive {
  /**
   * Keeps a sale once, with the events it causes in the same insert: the second time the same id
   * comes, `duplicate` and nothing changes (its events, if any, were stored the first time).
   */
  record(
    sale: TransactionRecordedPayload,
    events?: readonly EventEnvelope[],
  ): Promise<'recorded' | 'duplicate'>;
  /**
   * `record` for many at once, in one `insertMany`: `recorded`, `duplicate` (kept before: the sale
   * id is the `_id`), or the `Error` that refused that one.
   */
  recordAll(
    items: readonly { sale: TransactionRecordedPayload; events?: readonly EventEnvelope[] }[],
  ): Promise<('recorded' | 'duplicate' | Error)[]>;
  get(id: string): Promise<TransactionRecordedPayload | null>;
  /**
   * The tenant's transactions that happened at or after `since`, oldest first (ties by id), at most
   * `limit`; `options.type` keeps sales or returns only.
   */
  since(
    tenantId: string,
    since: Date,
    limit: number,
    options?: { type?: TransactionRecordedPayload['type'] },
  ): Promise<TransactionRecordedPayload[]>;
  /** The tenant's transactions naming any of these identifier hashes, oldest first. */
  naming(tenantId: string, hashes: readonly string[]): Promise<TransactionRecordedPayload[]>;
  /**
   * An erasure: the copies naming these hashes lose their identifiers (hashes and sealed values);
   * amounts and lines stay, so the points given still add up. Returns how many changed.
   */
  forgetIdentifiers(tenantId: string, hashes: readonly string[]): Promise<number>;
  /** Called with the sales just recorded with events in their outbox: the dispatcher sends them. */
  onEvents(listener: (written: readonly WrittenOutbox[]) => void): void;
}

/** Registers the model and waits for its index. */
export async function openSalesArchive(connection: Connection): Promise<SalesArchive> {
  const Sales = saleModel(connection);
  const recorded: ((written: readonly WrittenOutbox[]) => void)[] = [];
  await ensureIndexes(connection);

  /** The archived copy with its events, cast and validated by the model as `create` would. */
  function documentOf(sale: TransactionRecordedPayload, events: readonly EventEnvelope[]): SaleDocument {
    const document = new Sales(
      withOutbox(
        {
          _id: sale.id,
          tenantId: sale.tenantId,
          type: sale.type,
          occurredAt: new Date(sale.occurredAt),
          identifierHashes: sale.identifiers.map((identifier) => identifier.hash),
          payload: sale,
        },
        events,
      ),
    );
    const invalid = document.validateSync();
    if (invalid) throw invalid;
    return document.toObject<SaleDocument>();
  }

  function announce(documents: readonly SaleDocument[]): void {
    const withEvents = documents
      .map((document) => ({ _id: document._id, outbox: document.outbox ?? [] }))
      .filter((document) => document.outbox.length > 0);
    if (withEvents.length > 0) for (const listener of recorded) listener(withEvents);
  }

  return {
    onEvents: (listener) => {
      recorded.push(listener);
    },
    async record(sale, events = []) {
      const document = documentOf(sale, events);
      try {
        await Sales.collection.insertOne(document as never);
        announce([document]);
        return 'recorded';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'duplicate';
        throw error;
      }
    },
    async recordAll(items) {
      const documents = items.map(({ sale, events = [] }) => documentOf(sale, events));
      const outcomes = await insertEach(Sales.collection, documents as never[]);
      announce(documents.filter((_, index) => outcomes[index] === 'inserted'));
      return outcomes.map((outcome) => (outcome === 'inserted' ? 'recorded' : outcome));
    },
    async get(id) {
      const found = await Sales.findById(id, { payload: 1 }).lean<Pick<SaleDocument, 'payload'>>();
      return found?.payload ?? null;
    },
    async since(tenantId, since, limit, options = {}) {
      const filter = {
        tenantId,
        occurredAt: { $gte: since },
        ...(options.type ? { type: options.type } : {}),
      };
      const found = await Sales.find(filter, { payload: 1 })
        .sort({ occurredAt: 1, _id: 1 })
        .limit(limit)
        .lean<Pick<SaleDocument, 'payload'>[]>();
      return found.map((document) => document.payload);
    },
    async naming(tenantId, hashes) {
      const found = new Map<string, Pick<SaleDocument, '_id' | 'occurredAt' | 'payload'>>();
      // One indexed equality per hash: `$in` is not pushed down to the local database's indexes.
      for (const hash of new Set(hashes))
        for (const sale of await Sales.find(
          { tenantId, identifierHashes: hash },
          { occurredAt: 1, payload: 1 },
        ).lean<Pick<SaleDocument, '_id' | 'occurredAt' | 'payload'>[]>())
          found.set(sale._id, sale);
      return [...found.values()]
        .sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime() || a._id.localeCompare(b._id))
        .map((document) => document.payload);
    },
    async forgetIdentifiers(tenantId, hashes) {
      let forgotten = 0;
      for (const hash of new Set(hashes)) {
        const { modifiedCount } = await Sales.updateMany(
          { tenantId, identifierHashes: hash },
          { $set: { 'payload.identifiers': [], identifierHashes: [] } },
        );
        forgotten += modifiedCount;
      }
      return forgotten;
    },
  };
}
