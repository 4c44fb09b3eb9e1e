import { setTimeout as sleep } from 'node:timers/promises';
import { isDuplicateKeyError } from '@scontrino/db';
import { AppError } from '@scontrino/trpc';
import type { Connection } from 'mongoose';
import { applyEntry, foldLedger, type LedgerState } from '../domain/ledger/balance.js';
import { type Decide, isRefusal, type Refusal } from '../domain/ledger/decision.js';
import { entryId, type LedgerEntry } from '../domain/ledger/entry.js';
import {
  fromDocument,
  ledgerEntryModel,
  ledgerHeadModel,
  ledgerKeyModel,
  type LedgerEntryDocument,
  toDocument,
} from './ledger-model.js';

export type AppendResult =
  | { status: 'written'; entry: LedgerEntry; state: LedgerState }
  /** The business key was taken: the entry written the first time (possibly on another member). */
  | { status: 'replayed'; entry: LedgerEntry; state: LedgerState }
  | { status: 'refused'; refusal: Refusal; state: LedgerState }
  | { status: 'nothing'; state: LedgerState };

export interface LedgerStore {
  /** The member's entries, oldest first. */
  entriesOf(memberId: string): Promise<LedgerEntry[]>;
  stateOf(memberId: string): Promise<LedgerState>;
  byBusinessKey(businessKey: string): Promise<LedgerEntry | null>;
  /**
   * Decides on the member's ledger as it is and inserts the entry at the next seq. When another
   * writer took that seq first, reads again and decides again; when the business key is taken,
   * answers with the stored entry. No transaction and no conditional update: the unique `_id` is
   * the lock, so two holds decided on the same balance can never both be written.
   */
  append(memberId: string, decide: Decide): Promise<AppendResult>;
  /** Called with every entry this process writes (not replays): metrics count them. */
  onWritten(listener: (entry: LedgerEntry) => void): void;
}

/** Enough for dozens of writers racing on one member (each round, one of them wins). */
const MAX_ATTEMPTS = 60;

export function ledgerStore(connection: Connection, clock: () => Date): LedgerStore {
  const Entries = ledgerEntryModel(connection);
  const Heads = ledgerHeadModel(connection);
  const Keys = ledgerKeyModel(connection);
  const listeners: ((entry: LedgerEntry) => void)[] = [];

  async function documentsOf(memberId: string): Promise<LedgerEntryDocument[]> {
    const head = await Heads.findById(memberId).lean();
    const documents = [...(head?.entries ?? [])];
    // Entries written after the head was saved (a racing writer, a crash): one look-up each.
    for (let seq = (head?.seq ?? 0) + 1; ; seq++) {
      const next = await Entries.findById(entryId(memberId, seq)).lean();
      if (!next) return documents;
      documents.push(next);
    }
  }

  async function saveHead(memberId: string, documents: LedgerEntryDocument[]): Promise<void> {
    const seq = documents.length;
    const { matchedCount } = await Heads.updateOne(
      { _id: memberId, seq: { $lt: seq } },
      { $set: { seq, entries: documents } },
    );
    if (matchedCount > 0) return;
    try {
      await Heads.create({ _id: memberId, seq, entries: documents });
    } catch (error) {
      // A head exists already, as new as this one or newer: nothing to do.
      if (!isDuplicateKeyError(error)) throw error;
    }
  }

  async function byBusinessKey(businessKey: string): Promise<LedgerEntry | null> {
    const key = await Keys.findById(businessKey).lean();
    const found = key
      ? await Entries.findById(key.entryId).lean()
      : // The key document is written just after the entry: a crash in between leaves only the entry.
        await Entries.findOne({ businessKey }).lean();
    return found ? fromDocument(found) : null;
  }

  return {
    entriesOf: async (memberId) => (await documentsOf(memberId)).map(fromDocument),
    stateOf: async (memberId) => foldLedger((await documentsOf(memberId)).map(fromDocument)),
    byBusinessKey,
    onWritten: (listener) => {
      listeners.push(listener);
    },
    async append(memberId, decide) {
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const documents = await documentsOf(memberId);
        const state = foldLedger(documents.map(fromDocument));
        const seq = state.lastSeq + 1;
        const id = entryId(memberId, seq);
        const decision = decide(state, { entryId: id, now: clock() });
        if (decision === null) return { status: 'nothing', state };
        if (isRefusal(decision)) return { status: 'refused', refusal: decision, state };
        const known = state.byKey.get(decision.businessKey);
        if (known) return { status: 'replayed', entry: known, state };
        const entry: LedgerEntry = { ...decision, id, memberId, seq };
        const document = toDocument(entry);
        try {
          await Entries.create(document);
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          const atSeq = await Entries.findById(id).lean();
          if (!atSeq || atSeq.businessKey === decision.businessKey) {
            // Not the seq, so the business key: this write was made before (here or elsewhere).
            const stored = atSeq ? fromDocument(atSeq) : await byBusinessKey(decision.businessKey);
            if (stored) return { status: 'replayed', entry: stored, state };
          }
          // Another writer took this seq: decide again on the ledger as it is now.
          await sleep(Math.random() * Math.min(50, 5 * (attempt + 1)));
          continue;
        }
        await Keys.create({ _id: entry.businessKey, memberId, entryId: id }).catch((error: unknown) => {
          if (!isDuplicateKeyError(error)) throw error;
        });
        await saveHead(memberId, [...documents, document]);
        for (const listener of listeners) listener(entry);
        return { status: 'written', entry, state: applyEntry(state, entry) };
      }
      throw new AppError('ledger.busy', 'Too many concurrent writes on this member; try again', {
        kind: 'unavailable',
      });
    },
  };
}
