import { modelOn } from '@scontrino/db';
import { type OutboxFields, outboxFields } from '@scontrino/queue';
import { type Connection, type Model, Schema } from 'mongoose';
import type { EntryKind, LedgerEntry } from '../domain/ledger/entry.js';
import type { LedgerSnapshot } from '../domain/ledger/snapshot.js';

/** Entries per page of a member's history: a page of the app reads one or two of them. */
export const HISTORY_PAGE_ENTRIES = 50;

/** The history page an entry is on, `<memberId>:<n>`: what the app's history is read by. */
export const historyPageOf = (memberId: string, seq: number): string =>
  `${memberId}:${Math.floor((seq - 1) / HISTORY_PAGE_ENTRIES)}`;

/**
 * One ledger entry. `_id` is `<memberId>:<seq>`: inserting the next seq is how writers of one
 * member are serialised (a duplicate `_id` means another writer won). `businessKey` is unique: a
 * replayed event finds its key taken, and looks the entry up by it. The events the entry causes
 * (a sale's loyalty outcome for its receipt) are in its outbox, written in the same insert. Never
 * updated but by the outbox dispatcher, never deleted.
 */
export interface LedgerEntryDocument extends Partial<OutboxFields> {
  _id: string;
  memberId: string;
  seq: number;
  historyPage: string;
  businessKey: string;
  kind: EntryKind;
  at: Date;
  pending: number;
  active: number;
  debt: number;
  explanation: string;
  /** The explanation as data (absent from entries written before it was kept). */
  because?: LedgerEntry['because'];
  moves: LedgerEntry['moves'];
  /** The kind's own fields (sale, hold, reason…), as the domain defines them. */
  detail: Record<string, unknown>;
}

const ledgerEntrySchema = new Schema<LedgerEntryDocument>(
  {
    _id: { type: String, required: true },
    memberId: { type: String, required: true },
    seq: { type: Number, required: true },
    historyPage: { type: String, required: true, index: true },
    businessKey: { type: String, required: true, unique: true },
    kind: { type: String, required: true },
    at: { type: Date, required: true },
    pending: { type: Number, required: true },
    active: { type: Number, required: true },
    debt: { type: Number, required: true },
    explanation: { type: String, required: true },
    because: { type: Schema.Types.Mixed, required: false },
    moves: { type: Schema.Types.Mixed, required: true },
    detail: { type: Schema.Types.Mixed, required: true },
    ...outboxFields,
  },
  { collection: 'ledger_entries', versionKey: false, minimize: false },
);
ledgerEntrySchema.index({ memberId: 1, seq: 1 });

export function ledgerEntryModel(connection: Connection): Model<LedgerEntryDocument> {
  return modelOn<LedgerEntryDocument>(connection, 'LedgerEntry', ledgerEntrySchema);
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
  'because',
  'moves',
];

export function toDocument(entry: LedgerEntry): LedgerEntryDocument {
  const detail = Object.fromEntries(Object.entries(entry).filter(([key]) => !COMMON.includes(key)));
  return {
    _id: entry.id,
    memberId: entry.memberId,
    seq: entry.seq,
    historyPage: historyPageOf(entry.memberId, entry.seq),
    businessKey: entry.businessKey,
    kind: entry.kind,
    at: entry.at,
    pending: entry.pending,
    active: entry.active,
    debt: entry.debt,
    explanation: entry.explanation,
    ...(entry.because && { because: entry.because }),
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
    ...(document.because && { because: document.because }),
    moves: document.moves,
  } as LedgerEntry;
}

/**
 * A member's folded ledger (`domain/ledger/snapshot.ts`): balances, the batches and holds that
 * still matter, and the seq of the last entry folded in; bounded, never a copy of the entries.
 * One `_id` read gives a member's balance. Never the truth: a reader also folds in any entry past
 * `seq`, and a stale or missing head only costs look-ups.
 */
export interface LedgerHeadDocument extends LedgerSnapshot {
  _id: string;
}

const ledgerHeadSchema = new Schema<LedgerHeadDocument>(
  {
    _id: { type: String, required: true },
    seq: { type: Number, required: true },
    pending: { type: Number, required: true },
    active: { type: Number, required: true },
    debt: { type: Number, required: true },
    opened: { type: Number, required: true },
    batches: { type: Schema.Types.Mixed, required: true },
    holds: { type: Schema.Types.Mixed, required: true },
    firstEarnAt: { type: Date, default: null },
    droppedUntil: { type: Date, default: null },
  },
  { collection: 'ledger_heads', versionKey: false, minimize: false },
);

export function ledgerHeadModel(connection: Connection): Model<LedgerHeadDocument> {
  return modelOn<LedgerHeadDocument>(connection, 'LedgerHead', ledgerHeadSchema);
}
