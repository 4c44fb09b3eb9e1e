import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type Connection, Schema } from 'mongoose';

/**
 * The code last asked for an address, stored hashed. `_id`: `<tenantId>:<emailHash>`. An address
 * that is no member's gets one too (`memberId` null, never mailed), so that signing in answers
 * and counts alike whoever the address belongs to.
 */
export interface SignInCodeDocument {
  _id: string;
  requestId: string;
  memberId: string | null;
  codeHash: string;
  /** Mailed for a join that asked for offers: using it confirms the member's pending consent. */
  confirmsConsent: boolean;
  expiresAt: Date;
  createdAt: Date;
}

/** One document per attempt (`<requestId>:attempt:<n>`) and per use (`<requestId>:used`). */
interface SignInClaimDocument {
  _id: string;
  at: Date;
}

const codeSchema = new Schema<SignInCodeDocument>(
  {
    _id: { type: String, required: true },
    requestId: { type: String, required: true },
    memberId: { type: String, default: null },
    codeHash: { type: String, required: true },
    confirmsConsent: { type: Boolean, default: false },
    expiresAt: { type: Date, required: true },
    createdAt: { type: Date, required: true },
  },
  { collection: 'sign_in_codes', versionKey: false },
);

const claimSchema = new Schema<SignInClaimDocument>(
  { _id: { type: String, required: true }, at: { type: Date, required: true } },
  { collection: 'sign_in_claims', versionKey: false },
);

function models(connection: Connection) {
  return {
    Codes: modelOn<SignInCodeDocument>(connection, 'SignInCode', codeSchema),
    Claims: modelOn<SignInClaimDocument>(connection, 'SignInClaim', claimSchema),
  };
}

export type NewSignInCode = Omit<SignInCodeDocument, '_id'>;

export interface SignInCodeStore {
  /** Replaces the address's previous code: only the latest one signs in. */
  save(tenantId: string, emailHash: string, code: NewSignInCode): Promise<void>;
  latest(tenantId: string, emailHash: string): Promise<NewSignInCode | null>;
  /**
   * Takes the next of `max` attempts by inserting its document; false once all are taken. Racing
   * guesses each need their own insert, so no more than `max` are ever checked.
   */
  takeAttempt(requestId: string, max: number, at: Date): Promise<boolean>;
  /** True for the one caller whose insert of the use document succeeds. */
  claimUse(requestId: string, at: Date): Promise<boolean>;
  forget(tenantId: string, emailHash: string): Promise<void>;
  /** Retention: codes sent and attempts made before `before`; resolves with how many went. */
  purgeBefore(before: Date): Promise<number>;
}

const insertOnce = async (insert: () => Promise<unknown>): Promise<boolean> => {
  try {
    await insert();
    return true;
  } catch (error) {
    if (isDuplicateKeyError(error)) return false;
    throw error;
  }
};

export function signInCodeStore(connection: Connection): SignInCodeStore {
  const { Codes, Claims } = models(connection);
  const idOf = (tenantId: string, emailHash: string) => `${tenantId}:${emailHash}`;
  return {
    async save(tenantId, emailHash, code) {
      const _id = idOf(tenantId, emailHash);
      const { matchedCount } = await Codes.updateOne({ _id }, { $set: code });
      if (matchedCount > 0) return;
      // An insert rather than an upsert (the local database's upserts race badly); a racing first
      // request wins the insert and this one overwrites it, as a later request should.
      if (!(await insertOnce(() => Codes.create({ _id, ...code }))))
        await Codes.updateOne({ _id }, { $set: code });
    },
    async latest(tenantId, emailHash) {
      const found = await Codes.findById(idOf(tenantId, emailHash)).lean();
      if (!found) return null;
      const { _id: _ignored, ...code } = found;
      // Codes stored before `confirmsConsent` existed confirm nothing.
      return { ...code, memberId: code.memberId ?? null, confirmsConsent: code.confirmsConsent ?? false };
    },
    async takeAttempt(requestId, max, at) {
      for (let attempt = 1; attempt <= max; attempt++)
        if (await insertOnce(() => Claims.create({ _id: `${requestId}:attempt:${attempt}`, at })))
          return true;
      return false;
    },
    claimUse: (requestId, at) => insertOnce(() => Claims.create({ _id: `${requestId}:used`, at })),
    async forget(tenantId, emailHash) {
      await Codes.deleteOne({ _id: idOf(tenantId, emailHash) });
    },
    async purgeBefore(before) {
      const codes = await Codes.deleteMany({ createdAt: { $lt: before } });
      const attempts = await Claims.deleteMany({ at: { $lt: before } });
      return codes.deletedCount + attempts.deletedCount;
    },
  };
}
