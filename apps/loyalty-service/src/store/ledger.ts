import { setTimeout as sleep } from 'node:timers/promises';
import type { EventEnvelope } from '@scontrino/contracts';
import { insertEach, isDuplicateKeyError } from '@scontrino/db';
import { withOutbox, type WrittenOutbox } from '@scontrino/queue';
import { AppError } from '@scontrino/errors';
import type { Connection, mongo } from 'mongoose';
import { applyEntry, emptyLedger, foldLedger, type LedgerState } from '../domain/ledger/balance.js';
import { type Decide, isRefusal, type Refusal } from '../domain/ledger/decision.js';
import { entryId, type LedgerEntry } from '../domain/ledger/entry.js';
import { ledgerFromSnapshot, snapshotOf } from '../domain/ledger/snapshot.js';
import {
  fromDocument,
  HISTORY_PAGE_ENTRIES,
  historyPageOf,
  type LedgerEntryDocument,
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

/** One write of a batch: a member's ledger and what to decide on it. */
export interface AppendRequest extends AppendOptions {
  memberId: string;
  decide: Decide;
}

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
  /**
   * Many `append`s at once, with the same outcome each as alone, in as few commands as the
   * ledgers allow: one read of each member's folded ledger, one `insertMany` of the first entry
   * of every member (then of the second, for a member with two…), and the folded ledgers written
   * back together. A member whose write meets another writer or a taken business key, or whose
   * decision is a refusal or nothing, goes on alone the way `append` does. Requests of one member
   * are decided in the order given. An `Error` in place of a result fails that request alone.
   */
  appendAll(requests: readonly AppendRequest[]): Promise<(AppendResult | Error)[]>;
  /** Called with every entry this process writes (not replays): metrics count them. */
  onWritten(listener: (entry: LedgerEntry) => void): void;
  /** Called with the entries just written with events in their outbox: the dispatcher sends them. */
  onEvents(listener: (written: readonly WrittenOutbox[]) => void): void;
}

/** Enough for dozens of writers racing on one member (each round, one of them wins). */
const MAX_ATTEMPTS = 60;
/** Folded ledgers read at once by a batch: a share of the database's connections, not all of them. */
const READS_IN_FLIGHT = 4;
/**
 * Folded-ledger updates per `bulkWrite`. FerretDB v1.24 holds one PostgreSQL connection per
 * statement of an update command until the command ends, from a pool of 8 locally: a bulk as
 * large as the pool waits for itself forever, and two large ones at once wait for each other.
 * Four, one bulk at a time per process, leaves room for another replica's or service's.
 */
export const HEAD_UPDATES_PER_COMMAND = 4;

/** The ledger as last folded, and the head it came from: stored, none yet, or of an older shape. */
interface Loaded {
  state: LedgerState;
  head: 'stored' | 'none' | 'legacy';
}

export function ledgerStore(connection: Connection, clock: () => Date): LedgerStore {
  const Entries = ledgerEntryModel(connection);
  const Heads = ledgerHeadModel(connection);
  const writtenListeners: ((entry: LedgerEntry) => void)[] = [];
  const recorded: ((written: readonly WrittenOutbox[]) => void)[] = [];
  // One bulk of folded-ledger updates at a time (see HEAD_UPDATES_PER_COMMAND).
  let headUpdates: Promise<unknown> = Promise.resolve();

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

  /** The document an entry is inserted as, with its events: cast and validated by the model, as `create` would. */
  function documentOf(entry: LedgerEntry, events: readonly EventEnvelope[]): LedgerEntryDocument {
    const document = new Entries(withOutbox(toDocument(entry), events));
    const invalid = document.validateSync();
    if (invalid) throw invalid;
    return document.toObject<LedgerEntryDocument>();
  }

  /** What a decision makes: the entry at the next seq, the ledger after it and its document. */
  function draft(memberId: string, state: LedgerState, decide: Decide, options: AppendOptions) {
    const seq = state.lastSeq + 1;
    const id = entryId(memberId, seq);
    const decision = decide(state, { entryId: id, now: clock() });
    if (decision === null || isRefusal(decision)) return { decision } as const;
    const entry: LedgerEntry = { ...decision, id, memberId, seq };
    const after = applyEntry(state, entry);
    return { decision, entry, after, document: documentOf(entry, options.events?.(entry, after) ?? []) };
  }

  /**
   * Decides on `state` and inserts the entry, reading on when another writer took the seq first
   * (`caughtUp`: `state` is known to hold every entry). The folded ledger is left to the caller.
   */
  async function decideAndInsert(
    memberId: string,
    state: LedgerState,
    decide: Decide,
    options: AppendOptions,
    caughtUp = false,
  ): Promise<AppendResult & { document?: LedgerEntryDocument }> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const made = draft(memberId, state, decide, options);
      if (!made.entry) {
        const { decision } = made;
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
      try {
        await Entries.collection.insertOne(made.document as unknown as mongo.OptionalId<mongo.Document>);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        // Either key may be the duplicate: the business key means this write was made before.
        const stored = await byBusinessKey(made.entry.businessKey);
        if (stored) return { status: 'replayed', entry: stored, state };
        // Another writer took this seq: decide again on the ledger as it is now.
        await sleep(Math.random() * Math.min(50, 5 * (attempt + 1)));
        state = await catchUp(memberId, state);
        caughtUp = true;
        continue;
      }
      return { status: 'written', entry: made.entry, state: made.after, document: made.document };
    }
    throw new AppError('ledger.busy', 'Too many concurrent writes on this member; try again', {
      kind: 'unavailable',
    });
  }

  /** Tells the listeners what was written: each entry, and the documents with events to send. */
  function announce(written: readonly { entry: LedgerEntry; document: LedgerEntryDocument }[]): void {
    for (const { entry } of written) for (const listener of writtenListeners) listener(entry);
    const withEvents = written
      .map(({ document }) => ({ _id: document._id, outbox: document.outbox ?? [] }))
      .filter((document) => document.outbox.length > 0);
    if (withEvents.length > 0) for (const listener of recorded) listener(withEvents);
  }

  /**
   * Writes back the folded ledgers of a batch: the first heads in one `insertMany`, the others as
   * guarded updates (never back to an older seq), a few per `bulkWrite`, one bulk at a time.
   */
  async function saveHeads(
    ledgers: readonly { memberId: string; head: Loaded['head']; state: LedgerState }[],
  ) {
    const fresh = ledgers.filter((ledger) => ledger.head === 'none');
    const updates = ledgers.filter((ledger) => ledger.head === 'stored');
    for (const ledger of ledgers.filter((ledger) => ledger.head === 'legacy'))
      await saveHead(ledger.memberId, 'legacy', ledger.state);
    const inserted = await insertEach(
      Heads.collection,
      fresh.map((ledger) => new Heads({ _id: ledger.memberId, ...snapshotOf(ledger.state) }).toObject()),
    );
    inserted.forEach((outcome, index) => {
      // A racing writer stored the first head meanwhile: move it on instead.
      if (outcome === 'duplicate') updates.push(fresh[index]!);
      else if (outcome instanceof Error) throw outcome;
    });
    for (let start = 0; start < updates.length; start += HEAD_UPDATES_PER_COMMAND) {
      const chunk = updates.slice(start, start + HEAD_UPDATES_PER_COMMAND);
      const write = headUpdates.then(() =>
        Heads.bulkWrite(
          chunk.map(({ memberId, state }) => {
            const snapshot = snapshotOf(state);
            return {
              updateOne: {
                filter: { _id: memberId, seq: { $lt: snapshot.seq } },
                update: { $set: snapshot },
              },
            };
          }),
          { ordered: false },
        ),
      );
      headUpdates = write.catch(() => undefined);
      await write;
    }
  }

  async function appendAll(requests: readonly AppendRequest[]): Promise<(AppendResult | Error)[]> {
    const results: (AppendResult | Error | undefined)[] = requests.map(() => undefined);
    const ledgers = new Map<
      string,
      {
        memberId: string;
        head: Loaded['head'];
        state: LedgerState;
        seq: number;
        queue: number[];
        alone: boolean;
      }
    >();
    requests.forEach((request, index) => {
      const ledger = ledgers.get(request.memberId);
      if (ledger) ledger.queue.push(index);
      else
        ledgers.set(request.memberId, {
          memberId: request.memberId,
          head: 'none',
          state: emptyLedger(),
          seq: 0,
          queue: [index],
          alone: false,
        });
    });
    const members = [...ledgers.values()];
    for (let start = 0; start < members.length; start += READS_IN_FLIGHT)
      await Promise.all(
        members.slice(start, start + READS_IN_FLIGHT).map(async (ledger) => {
          const loaded = await load(ledger.memberId);
          Object.assign(ledger, { head: loaded.head, state: loaded.state, seq: loaded.state.lastSeq });
          // A head of an older shape is replaced by the first write: a member alone.
          ledger.alone = loaded.head === 'legacy';
        }),
      );

    const written: { entry: LedgerEntry; document: LedgerEntryDocument }[] = [];
    // Rounds: the next entry of every member still in the batch, all in one insert.
    for (;;) {
      const round: {
        ledger: (typeof members)[number];
        index: number;
        entry: LedgerEntry;
        after: LedgerState;
        document: LedgerEntryDocument;
      }[] = [];
      for (const ledger of members) {
        const index = ledger.queue[0];
        if (ledger.alone || index === undefined) continue;
        const request = requests[index]!;
        const made = draft(ledger.memberId, ledger.state, request.decide, request);
        // A refusal or nothing must be decided on every entry: alone, reading on first.
        if (!made.entry) ledger.alone = true;
        else round.push({ ledger, index, entry: made.entry, after: made.after, document: made.document });
      }
      if (round.length === 0) break;
      const outcomes = await insertEach(
        Entries.collection,
        round.map((item) => item.document),
      );
      round.forEach((item, i) => {
        const outcome = outcomes[i];
        if (outcome === 'inserted') {
          results[item.index] = { status: 'written', entry: item.entry, state: item.after };
          item.ledger.state = item.after;
          item.ledger.queue.shift();
          written.push(item);
        } else {
          // Another writer or a business key taken: `append`'s way tells which. A refused
          // document is tried again alone too, and fails there with its own error.
          item.ledger.alone = true;
        }
      });
    }

    // The members left: the rest of their requests one by one, as `append` does them.
    const alone = members.filter((ledger) => ledger.queue.length > 0);
    for (let start = 0; start < alone.length; start += READS_IN_FLIGHT)
      await Promise.all(
        alone.slice(start, start + READS_IN_FLIGHT).map(async (ledger) => {
          for (const index of ledger.queue) {
            const request = requests[index]!;
            try {
              const result = await decideAndInsert(ledger.memberId, ledger.state, request.decide, request);
              ledger.state = result.state;
              const { document, ...answer } = result;
              results[index] = answer;
              if (answer.status === 'written' && document) written.push({ entry: answer.entry, document });
            } catch (error) {
              results[index] = error instanceof Error ? error : new Error(String(error));
            }
          }
          ledger.queue = [];
        }),
      );

    await saveHeads(members.filter((ledger) => ledger.state.lastSeq > ledger.seq));
    announce(written);
    return results.map((result) => result ?? new Error('the batch gave no result'));
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
      writtenListeners.push(listener);
    },
    onEvents: (listener) => {
      recorded.push(listener);
    },
    async append(memberId, decide, options = {}) {
      const { head, state } = await load(memberId);
      const result = await decideAndInsert(memberId, state, decide, options);
      const { document, ...answer } = result;
      if (answer.status !== 'written' || !document) return answer;
      await saveHead(memberId, head, answer.state);
      announce([{ entry: answer.entry, document }]);
      return answer;
    },
    appendAll,
  };
}
