import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * A brand's draft of its next program, as the CRM team left it: the JSON text being edited (it may
 * be half typed, so it is kept as text, not parsed), the version it started from, who saved it and
 * when. One per brand, shared by the team; `revision` counts its saves.
 */
export interface ProgramDraft {
  tenantId: string;
  text: string;
  basedOnVersion: number | null;
  savedBy: string;
  savedAt: Date;
  revision: number;
}

interface ProgramDraftDocument extends Omit<ProgramDraft, 'tenantId'> {
  /** The tenant: one draft per brand, read and written by `_id`. */
  _id: string;
}

const programDraftSchema = new Schema<ProgramDraftDocument>(
  {
    _id: { type: String, required: true },
    text: { type: String, required: true },
    basedOnVersion: { type: Number, default: null },
    savedBy: { type: String, required: true },
    savedAt: { type: Date, required: true },
    revision: { type: Number, required: true },
  },
  { collection: 'program_drafts', versionKey: false },
);

export interface ProgramDrafts {
  /** The brand's draft; null when nobody has saved one (or it was published or discarded). */
  get(tenantId: string): Promise<ProgramDraft | null>;
  /**
   * Saves the draft over the one at `expectedRevision` (0: there is none yet). A draft saved by
   * someone else since is a conflict naming who saved it and when, so nobody's edit is overwritten
   * unseen.
   */
  save(
    tenantId: string,
    draft: Pick<ProgramDraft, 'text' | 'basedOnVersion' | 'savedBy'>,
    expectedRevision: number,
  ): Promise<ProgramDraft>;
  /** Drops the draft at `expectedRevision`; a newer one is a conflict, none is not an error. */
  discard(tenantId: string, expectedRevision: number): Promise<void>;
}

function toDraft(document: ProgramDraftDocument): ProgramDraft {
  const { _id, ...rest } = document;
  return { tenantId: _id, ...rest };
}

export function programDrafts(connection: Connection, clock: () => Date = () => new Date()): ProgramDrafts {
  const Drafts: Model<ProgramDraftDocument> = modelOn<ProgramDraftDocument>(
    connection,
    'ProgramDraft',
    programDraftSchema,
  );

  async function staleSince(tenantId: string): Promise<AppError> {
    const current = await Drafts.findById(tenantId).lean<ProgramDraftDocument>();
    const by = current ? ` by ${current.savedBy} at ${current.savedAt.toISOString()}` : '';
    return new AppError(
      'program.draft_changed',
      current
        ? `The draft was saved${by} (revision ${current.revision}) since you opened it: open it again`
        : 'The draft was published or discarded since you opened it: open it again',
      { kind: 'conflict' },
    );
  }

  return {
    async get(tenantId) {
      const document = await Drafts.findById(tenantId).lean<ProgramDraftDocument>();
      return document ? toDraft(document) : null;
    },
    async save(tenantId, draft, expectedRevision) {
      const saved: ProgramDraftDocument = {
        _id: tenantId,
        ...draft,
        savedAt: clock(),
        revision: expectedRevision + 1,
      };
      if (expectedRevision === 0) {
        try {
          await Drafts.create(saved);
          return toDraft(saved);
        } catch (error) {
          if (isDuplicateKeyError(error)) throw await staleSince(tenantId);
          throw error;
        }
      }
      const replaced = await Drafts.findOneAndReplace({ _id: tenantId, revision: expectedRevision }, saved, {
        returnDocument: 'after',
      }).lean<ProgramDraftDocument>();
      if (!replaced) throw await staleSince(tenantId);
      return toDraft(replaced);
    },
    async discard(tenantId, expectedRevision) {
      const { deletedCount } = await Drafts.deleteOne({ _id: tenantId, revision: expectedRevision });
      if (deletedCount === 0 && (await Drafts.exists({ _id: tenantId }))) throw await staleSince(tenantId);
    },
  };
}
