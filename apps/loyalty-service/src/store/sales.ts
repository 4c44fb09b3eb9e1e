import type { TransactionRecordedPayload } from '@scontrino/contracts';
import { ensureIndexes, isDuplicateKeyError } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * The loyalty service's own copy of every recorded sale and return, as the receipt service's
 * event carried it: what a dry run replays, and what a late claim or a return is earned or
 * reversed against. Identifiers are look-up hashes and sealed (encrypted) values only.
 */
interface SaleDocument {
  /** The receipt service's id (txn_…): one document per sale, so a replayed event is a duplicate. */
  _id: string;
  tenantId: string;
  type: TransactionRecordedPayload['type'];
  occurredAt: Date;
  payload: TransactionRecordedPayload;
}

const saleSchema = new Schema<SaleDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    type: { type: String, required: true, enum: ['sale', 'return'] },
    occurredAt: { type: Date, required: true },
    payload: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'sales', versionKey: false, minimize: false },
);
saleSchema.index({ tenantId: 1, occurredAt: 1 });

function saleModel(connection: Connection): Model<SaleDocument> {
  return (connection.models.Sale as Model<SaleDocument> | undefined) ?? connection.model('Sale', saleSchema);
}

export interface SalesArchive {
  /** Keeps a sale once: the second time the same id comes, `duplicate` and nothing changes. */
  record(sale: TransactionRecordedPayload): Promise<'recorded' | 'duplicate'>;
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
  /** The tenant's transactions naming any of these identifier hashes (a scan: data-subject requests are rare). */
  naming(tenantId: string, hashes: readonly string[]): Promise<TransactionRecordedPayload[]>;
  /**
   * An erasure: the copies naming these hashes lose their identifiers (hashes and sealed values);
   * amounts and lines stay, so the points given still add up. Returns how many changed.
   */
  forgetIdentifiers(tenantId: string, hashes: readonly string[]): Promise<number>;
}

/** Registers the model and waits for its index. */
export async function openSalesArchive(connection: Connection): Promise<SalesArchive> {
  const Sales = saleModel(connection);
  await ensureIndexes(connection);
  return {
    async record(sale) {
      try {
        await Sales.create({
          _id: sale.id,
          tenantId: sale.tenantId,
          type: sale.type,
          occurredAt: new Date(sale.occurredAt),
          payload: sale,
        });
        return 'recorded';
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'duplicate';
        throw error;
      }
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
      if (hashes.length === 0) return [];
      const found = await Sales.find(
        { tenantId, 'payload.identifiers.hash': { $in: [...hashes] } },
        { payload: 1 },
      )
        .sort({ occurredAt: 1, _id: 1 })
        .lean<Pick<SaleDocument, 'payload'>[]>();
      return found.map((document) => document.payload);
    },
    async forgetIdentifiers(tenantId, hashes) {
      if (hashes.length === 0) return 0;
      const { modifiedCount } = await Sales.updateMany(
        { tenantId, 'payload.identifiers.hash': { $in: [...hashes] } },
        { $set: { 'payload.identifiers': [] } },
      );
      return modifiedCount;
    },
  };
}
