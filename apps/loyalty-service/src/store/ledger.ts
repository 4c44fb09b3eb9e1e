import { setTimeout as sleep } from 'node:timers/promises';
import type { EventEnvelope } from '@scontrino/contracts';
import { isDuplicateKeyError } from '@scontrino/db';
import { withOutbox } from '@scontrino/queue';
import { AppError } from '@scontrino/trpc';
import type { Connection } from 'mongoose';
import { applyEntry, emptyLedger, foldLedger, type LedgerState } from '../domain/ledger/balance.js';
import { type Decide, isRefusal, type Refusal } from '../domain/ledger/decision.js';
import { entryId, type LedgerEntry } from '../domain/ledger/entry.js';
import { ledgerFromSnapshot, snapshotOf } from '../domain/ledger/snapshot.js';
import {
  fromDocument,
  HISTORY_PAGE_ENTRIES,
  historyPageOf,
  ledgerEntryModel,
  ledgerHeadModel,
  toDocument,
} from './ledger-model.js';

export type AppendResult =
  | { status: 'written'; entry: LedgerEntry; state: LedgerState }
  /** The business key was taken: the entry written the first time (possibly on another member). */
  | { status: 'replayed'; entry: LedgerEntry; state: LedgerState }
  | { status: 'refused'; refusal: Refusal; state: LedgerState }
  | { status: 'nothing'; state: LedgerState };

export interface AppendOptions {
  /**
   * Events the entry causes, given the entry and the ledger after it: stored in the entry's outbox
   * by the same insert, so they leave exactly when the entry is written (a replay writes nothing).
   */
  events?: (entry: LedgerEntry, after: LedgerState) => EventEnvelope[];
}

export interface LedgerStore {
  /** The member's entries, oldest first (an export, the support desk: not a hot path). */
  entriesOf(memberId: string): Promise<LedgerEntry[]>;
  /** The member's entries below `beforeSeq` (all when null), newest first, at most `limit`. */
  historyOf(
    memberId: string,
    beforeSeq: number | null,
    limit: number,
  ): Promise<{ entries: LedgerEntry[]; more: boolean }>;
  stateOf(memberId: string): Promise<LedgerState>;
  byBusinessKey(businessKey: string): Promise<LedgerEntry | null>;
  /**
   * Decides on the member's ledger as it is and inserts the entry at the next seq. When another
   * writer took that seq first, reads on and decides again; when the business key is taken,
   * answers with the stored entry. No transaction and no conditional update: the unique `_id` is
   * the lock, so two holds decided on the same balance can never both be written.
   */
  append(memberId: string, decide: Decide, options?: AppendOptions): Promise<AppendResult>;
  /** Called with every entry this process writes (not replays): metrics count them. */
  onWritten(listener: (entry: LedgerEntry) => void): void;
  /** Called after an entry with events in its outbox is written: the dispatcher sends them. */
  onEvents(listener: () => void): void;
}

/** Enough for dozens of writers racing on one member (each round, one of them wins). */
const MAX_ATTEMPTS = 60;

/** The ledger as last folded, and the head it came from: stored, none yet, or of an older shape. */
interface Loaded {
  state: LedgerState;
  head: 'stored' | 'none' | 'legacy';
}

export function ledgerStore(connection: Connection, clock: () => Date): LedgerStore {
  const Entries = ledgerEntryModel(connection);
  const Heads = ledgerHeadModel(connection);
  const written: ((entry: LedgerEntry) => void)[] = [];
  const recorded: (() => void)[] = [];

  async function entriesOf(memberId: string): Promise<LedgerEntry[]> {
    const documents = await Entries.find({ memberId }).lean();
    return documents.sort((a, b) => a.seq - b.seq).map(fromDocument);
  }

  /** The stored head; without one, nothing (the entries, if any, are caught up by `_id`). */
  async function load(memberId: string): Promise<Loaded> {
    const head = await Heads.findById(memberId).lean();
    if (!head) return { state: emptyLedger(), head: 'none' };
    if (Array.isArray(head.batches)) return { state: ledgerFromSnapshot(head), head: 'stored' };
    // A head of an older shape (a copy of every entry) is folded again and replaced.
    return { state: foldLedger(await entriesOf(memberId)), head: 'legacy' };
  }

  /** Folds in the entries written after `state`, one `_id` look-up each (a racing writer, a crash). */
  async function catchUp(memberId: string, state: LedgerState): Promise<LedgerState> {
    for (;;) {
      const next = await Entries.findById(entryId(memberId, state.lastSeq + 1)).lean();
      if (!next) return state;
      state = applyEntry(state, fromDocument(next));
    }
  }

  /**
   * One write: an update by `_id` that does not go back to an older seq, or the insert of a
   * member's first head. A head left behind by a racing writer is only stale, never wrong.
   */
  async function saveHead(memberId: string, head: Loaded['head'], state: LedgerState): Promise<void> {
    const snapshot = snapshotOf(state);
    if (head === 'legacy') {
      await Heads.replaceOne({ _id: memberId }, snapshot);
      return;
    }
    if (head === 'none') {
      try {
        await Heads.create({ _id: memberId, ...snapshot });
        return;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
    }
    await Heads.updateOne({ _id: memberId, seq: { $lt: snapshot.seq } }, { $set: snapshot });
  }

  async function byBusinessKey(businessKey: string): Promise<LedgerEntry | null> {
    const found = await Entries.findOne({ businessKey }).lean();
    return found ? fromDocument(found) : null;
  }

  return {
    entriesOf,
    async historyOf(memberId, beforeSeq, limit) {
      // From the page of the next seq when reading the newest: entries past a stale head are found too.
      const newest =
        beforeSeq === null
          ? ((await Heads.findById(memberId, { seq: 1 }).lean())?.seq ?? 0) + 1
          : beforeSeq - 1;
      const newestFirst: LedgerEntry[] = [];
      for (let page = Math.floor((newest - 1) / HISTORY_PAGE_ENTRIES); page >= 0; page--) {
        const documents = await Entries.find({
          historyPage: historyPageOf(memberId, page * HISTORY_PAGE_ENTRIES + 1),
        }).lean();
        const below = documents.filter((document) => beforeSeq === null || document.seq < beforeSeq);
        newestFirst.push(...below.sort((a, b) => b.seq - a.seq).map(fromDocument));
        if (newestFirst.length > limit) break;
      }
      return { entries: newestFirst.slice(0, limit), more: newestFirst.length > limit };
    },
    stateOf: async (memberId) => catchUp(memberId, (await load(memberId)).state),
    byBusinessKey,
    onWritten: (listener) => {
      written.push(listener);
    },
    onEvents: (listener) => {
      recorded.push(listener);
    },
    async append(memberId, decide, options = {}) {
      const loaded = await load(memberId);
      const { head } = loaded;
      let { state } = loaded;
      let caughtUp = false;
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
        const seq = state.lastSeq + 1;
        const id = entryId(memberId, seq);
        const decision = decide(state, { entryId: id, now: clock() });
        if (decision === null || isRefusal(decision)) {
          // Written entries prove the head current; a refusal must be decided on every entry.
          if (!caughtUp) {
            caughtUp = true;
            const current = await catchUp(memberId, state);
            if (current.lastSeq !== state.lastSeq) {
              state = current;
              continue;
            }
          }
          return decision === null
            ? { status: 'nothing', state }
            : { status: 'refused', refusal: decision, state };
        }
        const entry: LedgerEntry = { ...decision, id, memberId, seq };
        const after = applyEntry(state, entry);
        const events = options.events?.(entry, after) ?? [];
        try {
          await Entries.create(withOutbox(toDocument(entry), events));
        } catch (error) {
          if (!isDuplicateKeyError(error)) throw error;
          // Either key may be the duplicate: the business key means this write was made before.
          const stored = await byBusinessKey(decision.businessKey);
          if (stored) return { status: 'replayed', entry: stored, state };
          // Another writer took this seq: decide again on the ledger as it is now.
          await sleep(Math.random() * Math.min(50, 5 * (attempt + 1)));
          state = await catchUp(memberId, state);
          caughtUp = true;
          continue;
        }
        await saveHead(memberId, head, after);
        for (const listener of written) listener(entry);
        if (events.length > 0) for (const listener of recorded) listener();
        return { status: 'written', entry, state: after };
      }
      throw new AppError('ledger.busy', 'Too many concurrent writes on this member; try again', {
        kind: 'unavailable',
      });
    },
  };
}
