import { type Connection, type Model, Schema } from 'mongoose';
import type { EntryKind, LedgerEntry } from '../domain/ledger/entry.js';

/**
 * One ledger entry. `_id` is `<memberId>:<seq>`: inserting the next seq is how writers of one
 * member are serialised (a duplicate `_id` means another writer won). `businessKey` is unique: a
 * replayed event finds its key taken. Never updated, never deleted.
 */
export interface LedgerEntryDocument {
  _id: string;
  memberId: string;
  seq: number;
  businessKey: string;
  kind: EntryKind;
  at: Date;
  pending: number;
  active: number;
  debt: number;
  explanation: string;
  moves: LedgerEntry['moves'];
  /** The kind's own fields (sale, hold, reason…), as the domain defines them. */
  detail: Record<string, unknown>;
}

const ledgerEntrySchema = new Schema<LedgerEntryDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    seq: { type: Number, required: true },
    businessKey: { type: String, required: true, unique: true },
    kind: { type: String, required: true },
    at: { type: Date, required: true },
    pending: { type: Number, required: true },
    active: { type: Number, required: true },
    debt: { type: Number, required: true },
    explanation: { type: String, required: true },
    moves: { type: Schema.Types.Mixed, required: true },
    detail: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'ledger_entries', versionKey: false, minimize: false },
);
ledgerEntrySchema.index({ memberId: 1, seq: 1 });

export function ledgerEntryModel(connection: Connection): Model<LedgerEntryDocument> {
  return (
    (connection.models.LedgerEntry as Model<LedgerEntryDocument> | undefined) ??
    connection.model('LedgerEntry', ledgerEntrySchema)
  );
}

const COMMON = [
  'id',
  'memberId',
  'seq',
  'businessKey',
  'kind',
  'at',
  'pending',
  'active',
  'debt',
  'explanation',
  'moves',
];

export function toDocument(entry: LedgerEntry): LedgerEntryDocument {
  const detail = Object.fromEntries(Object.entries(entry).filter(([key]) => !COMMON.includes(key)));
  return {
    _id: entry.id,
    memberId: entry.memberId,
    seq: entry.seq,
    businessKey: entry.businessKey,
    kind: entry.kind,
    at: entry.at,
    pending: entry.pending,
    active: entry.active,
    debt: entry.debt,
    explanation: entry.explanation,
    moves: entry.moves,
    detail,
  };
}

export function fromDocument(document: LedgerEntryDocument): LedgerEntry {
  return {
    ...document.detail,
    id: document._id,
    memberId: document.memberId,
    seq: document.seq,
    businessKey: document.businessKey,
    kind: document.kind,
    at: document.at,
    pending: document.pending,
    active: document.active,
    debt: document.debt,
    explanation: document.explanation,
    moves: document.moves,
  } as LedgerEntry;
}

/**
 * A cache of a member's entries in one document, so that reading a ledger is one look-up by `_id`
 * (on the local database a query on any other field scans the collection). Never the truth: a
 * reader also fetches any entry past `seq`, and a stale or missing head only costs look-ups.
 */
export interface LedgerHeadDocument {
  _id: string;
  seq: number;
  entries: LedgerEntryDocument[];
}

const ledgerHeadSchema = new Schema<LedgerHeadDocument>(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    entries: { type: Schema.Types.Mixed, required: true },
  },
  { collection: 'ledger_heads', versionKey: false, minimize: false },
);

export function ledgerHeadModel(connection: Connection): Model<LedgerHeadDocument> {
  return (
    (connection.models.LedgerHead as Model<LedgerHeadDocument> | undefined) ??
    connection.model('LedgerHead', ledgerHeadSchema)
  );
}

/** Where the entry of a business key is, found by `_id` (the unique index on entries is the guard). */
export interface LedgerKeyDocument {
  _id: string;
  memberId: string;
  entryId: string;
}

const ledgerKeySchema = new Schema<LedgerKeyDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    entryId: { type: String, required: true },
  },
  { collection: 'ledger_keys', versionKey: false },
);

export function ledgerKeyModel(connection: Connection): Model<LedgerKeyDocument> {
  return (
    (connection.models.LedgerKey as Model<LedgerKeyDocument> | undefined) ??
    connection.model('LedgerKey', ledgerKeySchema)
  );
}
