import { isDuplicateKeyError } from '@scontrino/db';
import type { Connection } from 'mongoose';
import type { ConsentChange } from '../domain/members/consent.js';
import type { TierChange } from '../domain/tiers/tier-timeline.js';
import {
  type MemberCard,
  type MemberDocument,
  memberKeyId,
  memberKeyModel,
  memberModel,
} from './members-model.js';

export type Member = Omit<MemberDocument, '_id'> & { id: string };

export type NewMember = Omit<Member, 'mergedInto' | 'erasedAt'>;

export type EnrolResult = { status: 'enrolled' } | { status: 'taken'; type: 'card' | 'email'; index: number };

export interface MemberStore {
  /**
   * Claims the email and cards (each one member's at most), then stores the member. `keysClaimed` runs
   * in between, once the keys are the member's: what must be written before the member exists
   * (its event), so a stop between the two cannot leave a member whose enrolment was never told.
   */
  enrol(member: NewMember, keysClaimed?: () => Promise<unknown>): Promise<EnrolResult>;
  get(memberId: string): Promise<Member | null>;
  /** The member holding a card or email hash in the tenant, as enrolled (not following merges). */
  findByKey(tenantId: string, type: 'card' | 'email', hash: string): Promise<string | null>;
  /**
   * The member holding a card or email hash in the tenant, as enrolled (not following merges): what
   * `findByKey` and `get` give, in one read when the key was looked up here before. Keys are
   * remembered, never members: the member is read each time and must still hold the card (or
   * email), else the key is read again. A key only ever changes hands after its holder lost it
   * (an erasure empties the member's cards; an abandoned enrolment has no member), so a
   * remembered key the member still holds is the stored one.
   */
  holderOf(tenantId: string, type: 'card' | 'email', hash: string): Promise<Member | null>;
  /** The member a ledger write goes to: the one given, or the one its ledger was merged into. */
  resolve(memberId: string): Promise<Member | null>;
  /** `resolve` from a member already read. */
  followMerges(member: Member): Promise<Member | null>;
  addCard(memberId: string, tenantId: string, card: MemberCard): Promise<'added' | 'already' | 'taken'>;
  /** Members of these profiles, one indexed look-up per profile. */
  withProfiles(tenantId: string, profileIds: readonly string[]): Promise<Member[]>;
  setProfile(memberId: string, profileId: string | null): Promise<void>;
  setMergedInto(memberId: string, mergedInto: Member['mergedInto']): Promise<void>;
  saveTierHistory(memberId: string, history: TierChange[]): Promise<void>;
  appendConsent(memberId: string, change: ConsentChange): Promise<void>;
  /** Drops every personal value and the keys that found the member; the id and ledger stay. */
  anonymise(memberId: string, at: Date): Promise<{ keys: number }>;
  /**
   * Every member, in no particular order: what the daily job walks. One query for the whole walk,
   * read a batch at a time through its cursor (the local database keeps its one PostgreSQL query
   * open behind the cursor), so a run reads the collection once, where pages by `_id` after the
   * last one (`$gt`, sorted) read all of it for every page on the local database.
   */
  all(): AsyncIterable<Member>;
}

const MAX_MERGE_HOPS = 10;
/** Members per batch of the daily walk's cursor. */
const WALK_BATCH = 500;
/** Card and email keys remembered per process (about 100 bytes each), the least recently used go first. */
const REMEMBERED_KEYS = 10_000;
/** An enrolment takes milliseconds: a key this old whose member does not exist was abandoned. */
const ABANDONED_KEY_MS = 5 * 60_000;

const fromDocument = ({ _id, ...rest }: MemberDocument): Member => ({ id: _id, ...rest });

export function memberStore(connection: Connection): MemberStore {
  const Members = memberModel(connection);
  const Keys = memberKeyModel(connection);

  async function claim(tenantId: string, type: 'card' | 'email', hash: string, memberId: string, at: Date) {
    const _id = memberKeyId(tenantId, type, hash);
    try {
      await Keys.create({ _id, tenantId, type, memberId, at });
      return true;
    } catch (error) {
      if (!isDuplicateKeyError(error)) throw error;
      const holder = await Keys.findById(_id).lean();
      // A key left by an enrolment that crashed before storing its member is free again, once it is
      // old enough not to belong to an enrolment still in progress.
      const abandoned =
        holder !== null &&
        holder.memberId !== memberId &&
        holder.at.getTime() < at.getTime() - ABANDONED_KEY_MS &&
        !(await Members.exists({ _id: holder.memberId }));
      if (holder && abandoned) {
        await Keys.deleteOne({ _id, memberId: holder.memberId });
        return claim(tenantId, type, hash, memberId, at);
      }
      return holder?.memberId === memberId;
    }
  }

  const get = async (memberId: string) => {
    const found = await Members.findById(memberId).lean();
    return found ? fromDocument(found) : null;
  };

  const remembered = new Map<string, string>();
  const holds = (member: Member, type: 'card' | 'email', hash: string) =>
    type === 'card' ? member.cards.some((card) => card.hash === hash) : member.email?.hash === hash;

  async function followMerges(first: Member): Promise<Member | null> {
    let member: Member | null = first;
    for (let hop = 0; member?.mergedInto && hop < MAX_MERGE_HOPS; hop++)
      member = await get(member.mergedInto.memberId);
    return member;
  }

  return {
    async enrol(member, keysClaimed) {
      const claimed: string[] = [];
      const release = () => Keys.deleteMany({ _id: { $in: claimed }, memberId: member.id });
      const keys = [
        ...(member.email ? [{ type: 'email' as const, hash: member.email.hash, index: 0 }] : []),
        ...member.cards.map((card, index) => ({ type: 'card' as const, hash: card.hash, index })),
      ];
      for (const key of keys) {
        if (!(await claim(member.tenantId, key.type, key.hash, member.id, member.enrolledAt))) {
          await release();
          return { status: 'taken', type: key.type, index: key.index };
        }
        claimed.push(memberKeyId(member.tenantId, key.type, key.hash));
      }
      await keysClaimed?.();
      const { id, ...rest } = member;
      await Members.create({ _id: id, ...rest, mergedInto: null, erasedAt: null });
      return { status: 'enrolled' };
    },
    get,
    async findByKey(tenantId, type, hash) {
      return (await Keys.findById(memberKeyId(tenantId, type, hash)).lean())?.memberId ?? null;
    },
    async holderOf(tenantId, type, hash) {
      const keyId = memberKeyId(tenantId, type, hash);
      const known = remembered.get(keyId);
      if (known !== undefined) {
        remembered.delete(keyId);
        const member = await get(known);
        if (member && holds(member, type, hash)) {
          remembered.set(keyId, known);
          return member;
        }
      }
      const memberId = (await Keys.findById(keyId).lean())?.memberId;
      if (!memberId) return null;
      const member = await get(memberId);
      if (member && holds(member, type, hash)) {
        remembered.set(keyId, memberId);
        if (remembered.size > REMEMBERED_KEYS) remembered.delete(remembered.keys().next().value ?? keyId);
      }
      return member;
    },
    async resolve(memberId) {
      const member = await get(memberId);
      return member ? followMerges(member) : null;
    },
    followMerges,
    async addCard(memberId, tenantId, card) {
      const current = await get(memberId);
      if (!current) throw new Error(`no member ${memberId}`);
      if (current.cards.some((held) => held.hash === card.hash)) return 'already';
      if (!(await claim(tenantId, 'card', card.hash, memberId, card.addedAt))) return 'taken';
      await Members.updateOne({ _id: memberId }, { $push: { cards: card } });
      return 'added';
    },
    async withProfiles(tenantId, profileIds) {
      const found = new Map<string, Member>();
      // Equality each: `$in` is not pushed down to the local database's indexes.
      for (const profileId of new Set(profileIds))
        for (const member of await Members.find({ tenantId, profileId }).lean())
          found.set(member._id, fromDocument(member));
      return [...found.values()];
    },
    async setProfile(memberId, profileId) {
      await Members.updateOne({ _id: memberId }, { $set: { profileId } });
    },
    async setMergedInto(memberId, mergedInto) {
      await Members.updateOne({ _id: memberId }, { $set: { mergedInto } });
    },
    async saveTierHistory(memberId, history) {
      // Every writer derives the same history from the ledger, so the last write wins harmlessly.
      await Members.updateOne({ _id: memberId }, { $set: { tierHistory: history } });
    },
    async appendConsent(memberId, change) {
      await Members.updateOne({ _id: memberId }, { $push: { consent: change } });
    },
    async anonymise(memberId, at) {
      const { deletedCount } = await Keys.deleteMany({ memberId });
      await Members.updateOne(
        { _id: memberId },
        { $set: { email: null, name: null, cards: [], consent: [], erasedAt: at } },
      );
      return { keys: deletedCount };
    },
    async *all() {
      const cursor = Members.find({}).lean<MemberDocument>().cursor({ batchSize: WALK_BATCH });
      try {
        for await (const member of cursor) yield fromDocument(member);
      } finally {
        await cursor.close();
      }
    },
  };
}
