import { type ContractIssue, type PosReturn, toPointer } from '@scontrino/contracts';
import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { type Connection, type Model, Schema } from 'mongoose';
import {
  checkReturnAgainstLinks,
  findOwnLink,
  type ReturnLink,
  returnLinkOf,
} from '../domain/return-links.js';
import { fromStoredPayload } from '../domain/stored-payload.js';
import { invalidTransaction, transactionConflict } from './ingest-errors.js';
import type { OriginalRef, TransactionDocument } from './transactions-model.js';

/** One return of a sale, numbered in the order the returns were accepted. */
interface ReturnLinkDocument extends ReturnLink {
  /** `<sale id>:<seq>`: unique, so two returns checked against the same links cannot both land. */
  _id: string;
  saleId: string;
  seq: number;
  reservedAt: Date;
}

const returnLinkSchema = new Schema<ReturnLinkDocument>(
  {
    _id: { type: String, required: true },
    saleId: { type: String, required: true },
    seq: { type: Number, required: true },
    transactionId: { type: String, required: true },
    storeId: { type: String, required: true },
    requestHash: { type: String, required: true },
    lines: { type: Schema.Types.Mixed, required: true },
    reservedAt: { type: Date, required: true },
  },
  { collection: 'return_links', versionKey: false },
);
returnLinkSchema.index({ saleId: 1, seq: 1 });

export function returnLinkModel(connection: Connection): Model<ReturnLinkDocument> {
  return modelOn(connection, 'ReturnLink', returnLinkSchema);
}

/** Attempts before giving up under contention (503: the POS retries). */
const MAX_ATTEMPTS = 20;
/** Settings of `confirmReturned`: how often the flag is set again, and how long it is left before a check. */
const MARK_ATTEMPTS = 5;
const MARK_SETTLE_MS = 20;

type SaleView = Pick<TransactionDocument, '_id' | 'storeId' | 'transactionId' | 'payload'>;

export interface ReturnLinks {
  /**
   * Rule 7, race-safe and without transactions: reserves the returned quantities on the sale
   * BEFORE the return is inserted, and answers the sale it returns. The reservation is an
   * INSERT of the next link number (`<sale id>:<n>`, unique): two returns checked against the
   * same n−1 links both try n, one gets a duplicate-key error, re-reads (now with the winner's
   * link) and is checked again, so the returns of a sale never exceed what was bought. Not a
   * conditional update on the sale (a version counter): FerretDB v1 applies concurrent updates
   * matching the same version without comparing and swapping, so both "win"; only a unique
   * index on insert is reliable there, and it is on MongoDB too.
   *
   * A retried return finds its own link (same store, id and body) and goes on to insert itself;
   * the unique `{ storeId, transactionId }` of transactions keeps that insert single. The price: a
   * return whose process dies between reservation and insert keeps its quantities reserved until
   * the POS retries it, which it does until it gets an answer.
   */
  reserve(returnTx: PosReturn, tenantId: string, requestHash: string): Promise<OriginalRef>;
  /** The returns of a sale, oldest first: how the sale records who returned what. */
  ofSale(saleId: string): Promise<ReturnLink[]>;
  /**
   * Makes sure a returned sale says so (its `returned` flag, which `reserve` set once): read by
   * `_id`, and set again until it stays when a concurrent update lost it. Throws when it does not
   * stay (the caller's event is retried). Nothing for a sale that is gone.
   */
  confirmReturned(saleId: string): Promise<void>;
}

function originalIssue(code: string, message: string): ContractIssue {
  return { path: ['originalTransactionId'], pointer: toPointer(['originalTransactionId']), code, message };
}

export function returnLinks(
  Links: Model<ReturnLinkDocument>,
  Transactions: Model<TransactionDocument>,
  clock: () => Date,
): ReturnLinks {
  async function findSale(returnTx: PosReturn, tenantId: string): Promise<SaleView> {
    const [sale, another] = await Transactions.find(
      { tenantId, transactionId: returnTx.originalTransactionId, type: 'sale' },
      { storeId: 1, transactionId: 1, payload: 1 },
    )
      .limit(2)
      .lean<SaleView[]>();
    if (!sale) {
      const message = `No sale ${returnTx.originalTransactionId} in this retailer's stores`;
      throw invalidTransaction([originalIssue('return_original_not_found', message)]);
    }
    if (another) {
      const message = `Several stores have a sale ${returnTx.originalTransactionId}`;
      throw invalidTransaction([originalIssue('return_original_ambiguous', message)]);
    }
    return sale;
  }

  /**
   * The sale says it was returned (receipts then read its links), in one update before the return
   * is recorded and answered. On the local database a concurrent update of the sale (its outbox
   * dispatched, a re-encryption) can write the document back without the flag (docs/events.md);
   * the consumer of the return's event checks it afterwards and sets it again (`confirmReturned`),
   * off the till's path.
   */
  async function markReturned(saleId: string): Promise<void> {
    await Transactions.updateOne({ _id: saleId }, { $set: { returned: true } });
  }

  const linksOf = (saleId: string) => Links.find({ saleId }).sort({ seq: 1 }).lean<ReturnLinkDocument[]>();

  return {
    async reserve(returnTx, tenantId, requestHash) {
      const sale = await findSale(returnTx, tenantId);
      const original: OriginalRef = {
        id: sale._id,
        transactionId: sale.transactionId,
        storeId: sale.storeId,
      };
      const restored = fromStoredPayload(sale.payload);
      if (restored.type !== 'sale')
        throw new Error(`transaction ${sale._id} is stored as a sale but is not one`);

      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const links = await linksOf(sale._id);
        const own = findOwnLink(links, returnTx);
        if (own) {
          if (own.requestHash !== requestHash) throw transactionConflict(returnTx);
          // A retry: its first try may have died before the sale said it was returned.
          await markReturned(sale._id);
          return original;
        }
        const issues = checkReturnAgainstLinks(returnTx, restored, links);
        if (issues.length > 0) throw invalidTransaction(issues);
        const seq = (links.at(-1)?.seq ?? 0) + 1;
        try {
          const link = returnLinkOf(returnTx, requestHash);
          await Links.create({
            ...link,
            _id: `${sale._id}:${seq}`,
            saleId: sale._id,
            seq,
            reservedAt: clock(),
          });
          await markReturned(sale._id);
          return original;
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
        }
      }
      throw new AppError(
        'transaction.busy',
        'The original sale is being returned by other terminals; retry',
        {
          kind: 'unavailable',
        },
      );
    },
    async confirmReturned(saleId) {
      const returned = async () =>
        (await Transactions.findById(saleId, { returned: 1 }).lean<{ returned?: boolean }>())?.returned ??
        true;
      if (await returned()) return;
      for (let attempt = 0; attempt < MARK_ATTEMPTS; attempt++) {
        await markReturned(saleId);
        await new Promise((resolve) => setTimeout(resolve, MARK_SETTLE_MS));
        if (await returned()) return;
      }
      throw new AppError(
        'transaction.busy',
        `Sale ${saleId} is being updated; its returned flag did not stay`,
        {
          kind: 'unavailable',
        },
      );
    },
    async ofSale(saleId) {
      const links = await linksOf(saleId);
      return links.map(({ transactionId, storeId, requestHash, lines }) => ({
        transactionId,
        storeId,
        requestHash,
        lines,
      }));
    },
  };
}
