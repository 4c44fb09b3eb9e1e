import { setTimeout as sleep } from 'node:timers/promises';
import { isDuplicateKeyError } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';
import { randomToken } from '../domain/ids.js';

/** An answer worth replaying: only successes are kept (see `IdempotencyKeys.release`). */
export interface StoredResponse {
  status: number;
  body: unknown;
}

interface IdempotencyKeyDocument {
  /** Scope and key, so two terminals may use the same key without meeting. */
  _id: string;
  storeId: string;
  terminalId: string;
  key: string;
  requestHash: string;
  state: 'in_progress' | 'completed';
  /** Who holds an in-progress claim: only its holder may complete or release it. */
  claimId: string;
  claimedAt: Date;
  response: StoredResponse | null;
}

const idempotencyKeySchema = new Schema<IdempotencyKeyDocument>(
  {
    _id: { type: String, required: true },
    storeId: { type: String, required: true },
    terminalId: { type: String, required: true },
    key: { type: String, required: true },
    requestHash: { type: String, required: true },
    state: { type: String, required: true, enum: ['in_progress', 'completed'] },
    claimId: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    response: { type: Schema.Types.Mixed, default: null },
  },
  { collection: 'idempotency_keys', versionKey: false, minimize: false },
);

export function idempotencyKeyModel(connection: Connection): Model<IdempotencyKeyDocument> {
  return (
    (connection.models.IdempotencyKey as Model<IdempotencyKeyDocument> | undefined) ??
    connection.model('IdempotencyKey', idempotencyKeySchema)
  );
}

/** A claim older than this belongs to a request that crashed: another may take it over. */
export const STALE_CLAIM_MS = 30_000;
/** How long a duplicate waits for the first request to finish before answering 409. */
export const DUPLICATE_WAIT_MS = 5_000;
const POLL_MS = 50;

export interface IdempotencyScope {
  storeId: string;
  terminalId: string;
  key: string;
}

export type ClaimResult =
  | { kind: 'claimed'; claimId: string }
  | { kind: 'replay'; response: StoredResponse }
  | { kind: 'body_mismatch' }
  | { kind: 'in_progress' };

export interface IdempotencyKeys {
  /**
   * Claims the key by inserting it (a unique `_id`: FerretDB reports a duplicate reliably on
   * insert only). A duplicate with the same body waits for the first to finish and replays its
   * answer. A stale claim is taken over with a guarded update; FerretDB v1 does not apply such
   * updates atomically, so two retries may both take it over, which the unique
   * `{ storeId, transactionId }` of transactions makes harmless (the second one replays).
   */
  claim(scope: IdempotencyScope, requestHash: string): Promise<ClaimResult>;
  complete(scope: IdempotencyScope, claimId: string, response: StoredResponse): Promise<void>;
  /**
   * Gives the key up after a refusal (422, 409), so a retry is judged afresh: a return refused
   * because its sale had not arrived yet must pass once the sale is in.
   */
  release(scope: IdempotencyScope, claimId: string): Promise<void>;
}

const idOf = (scope: IdempotencyScope) => JSON.stringify([scope.storeId, scope.terminalId, scope.key]);

export function idempotencyKeys(Keys: Model<IdempotencyKeyDocument>, clock: () => Date): IdempotencyKeys {
  async function tryClaim(scope: IdempotencyScope, requestHash: string): Promise<ClaimResult | 'wait'> {
    const claimId = randomToken(12);
    try {
      await Keys.create({
        _id: idOf(scope),
        ...scope,
        requestHash,
        state: 'in_progress',
        claimId,
        claimedAt: clock(),
      });
      return { kind: 'claimed', claimId };
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
    }
    const held = await Keys.findById(idOf(scope)).lean<IdempotencyKeyDocument>();
    if (!held) return 'wait'; // released meanwhile: claim again
    if (held.requestHash !== requestHash) return { kind: 'body_mismatch' };
    if (held.state === 'completed' && held.response) return { kind: 'replay', response: held.response };
    if (clock().getTime() - held.claimedAt.getTime() < STALE_CLAIM_MS) return 'wait';
    const takenOver = await Keys.updateOne(
      { _id: held._id, state: 'in_progress', claimId: held.claimId },
      { $set: { claimId, claimedAt: clock() } },
    );
    return takenOver.modifiedCount === 1 ? { kind: 'claimed', claimId } : 'wait';
  }

  return {
    async claim(scope, requestHash) {
      const deadline = Date.now() + DUPLICATE_WAIT_MS;
      for (;;) {
        const result = await tryClaim(scope, requestHash);
        if (result !== 'wait') return result;
        if (Date.now() >= deadline) return { kind: 'in_progress' };
        await sleep(POLL_MS);
      }
    },
    async complete(scope, claimId, response) {
      await Keys.updateOne({ _id: idOf(scope), claimId }, { $set: { state: 'completed', response } });
    },
    async release(scope, claimId) {
      await Keys.deleteOne({ _id: idOf(scope), claimId, state: 'in_progress' });
    },
  };
}
