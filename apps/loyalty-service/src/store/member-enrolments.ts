import type { EventOf } from '@scontrino/contracts';
import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type OutboxFields, outboxFields, withOutbox, type WrittenOutbox } from '@scontrino/queue';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * One document per `member.enrolled` (a member's enrolment, a card added later), inserted with
 * the event in its outbox: insert-only, so the dispatcher's removal never races another write of
 * the member (an update rewrites the whole document on the local database). Its `_id` is the
 * event id, so recording the same fact again is a duplicate and publishes nothing twice. Once
 * published, only the ids and the time stay: the sealed values leave with the outbox; an erasure
 * deletes the member's documents, sent or not.
 */
interface MemberEnrolmentDocument extends Partial<OutboxFields> {
  /** The event id: `<memberId>.enrolled` or `<memberId>.card.<n>`. */
  _id: string;
  tenantId: string;
  memberId: string;
  at: Date;
}

const memberEnrolmentSchema = new Schema<MemberEnrolmentDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    memberId: { type: String, required: true },
    at: { type: Date, required: true },
    ...outboxFields,
  },
  { collection: 'member_enrolments', versionKey: false, minimize: false },
);
memberEnrolmentSchema.index({ memberId: 1 });

export function memberEnrolmentModel(connection: Connection): Model<MemberEnrolmentDocument> {
  return modelOn<MemberEnrolmentDocument>(connection, 'MemberEnrolment', memberEnrolmentSchema);
}

export interface MemberEnrolments {
  /** Keeps the event once (by its id) for the dispatcher: `duplicate` when it was kept before. */
  record(event: EventOf<'member.enrolled'>): Promise<'recorded' | 'duplicate'>;
  /** An erasure: the member's documents deleted, with any event not sent yet. Returns how many. */
  forget(memberId: string): Promise<number>;
  /** Called with what was just recorded: the dispatcher sends it without reading it back. */
  onEvents(listener: (written: readonly WrittenOutbox[]) => void): void;
}

export function memberEnrolments(connection: Connection): MemberEnrolments {
  const Enrolments = memberEnrolmentModel(connection);
  const listeners: ((written: readonly WrittenOutbox[]) => void)[] = [];
  return {
    onEvents: (listener) => {
      listeners.push(listener);
    },
    async forget(memberId) {
      return (await Enrolments.deleteMany({ memberId })).deletedCount;
    },
    async record(event) {
      const document = withOutbox(
        {
          _id: event.id,
          tenantId: event.payload.tenantId,
          memberId: event.payload.memberId,
          at: new Date(event.payload.enrolledAt),
        },
        [event],
      );
      try {
        await Enrolments.collection.insertOne(document as never);
      } catch (error) {
        if (isDuplicateKeyError(error)) return 'duplicate';
        throw error;
      }
      for (const listener of listeners) listener([{ _id: document._id, outbox: document.outbox }]);
      return 'recorded';
    },
  };
}
