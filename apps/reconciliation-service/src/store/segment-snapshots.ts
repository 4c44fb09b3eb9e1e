import { modelOn } from '@scontrino/db';
import { type Connection, Schema } from 'mongoose';
import type { RfmCutoffs } from '../domain/profile/rfm.js';
import type {
  MovementCell,
  RfmSegmentName,
  SegmentCounts,
  SegmentMember,
} from '../domain/segments/rfm-segments.js';

/** Members per page document: a page stays far below the 16 MB document limit (about 60 bytes a member). */
export const SEGMENT_PAGE_SIZE = 2000;

/**
 * One tenant's RFM segments on one day (UTC): `_id` is `<tenantId>:<YYYY-MM-DD>`. Bounded: counts
 * and the cut-offs, never the members (those are in `segment_members`, `pages[segment]` pages each).
 * Written after its pages, so a snapshot that exists is complete.
 */
export interface SegmentSnapshotDocument {
  _id: string;
  tenantId: string;
  date: string;
  takenAt: Date;
  cutoffs: RfmCutoffs;
  customers: number;
  counts: SegmentCounts;
  pages: Record<string, number>;
}

/** Up to {@link SEGMENT_PAGE_SIZE} members of one segment: `_id` is `<snapshotId>:<segment>:<page>`. */
export interface SegmentPageDocument {
  _id: string;
  snapshotId: string;
  tenantId: string;
  segment: RfmSegmentName;
  page: number;
  /** profile id, recency, frequency, monetary scores, in profile id order. */
  members: { p: string; r: number; f: number; m: number }[];
}

/** A movement matrix between two snapshots, kept once computed (snapshots of past days do not change). */
export interface SegmentMovementDocument {
  _id: string;
  tenantId: string;
  from: string;
  to: string;
  /** When the later snapshot was taken: a snapshot of the day taken again invalidates it. */
  toTakenAt: Date;
  fromTakenAt: Date;
  cells: MovementCell[];
}

const options = (collection: string) => ({ collection, versionKey: false as const, minimize: false });

const snapshotSchema = new Schema<SegmentSnapshotDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    date: { type: String, required: true },
    takenAt: { type: Date, required: true },
    cutoffs: { type: Schema.Types.Mixed, required: true },
    customers: { type: Number, required: true },
    counts: { type: Schema.Types.Mixed, required: true },
    pages: { type: Schema.Types.Mixed, required: true },
  },
  options('segment_snapshots'),
);
snapshotSchema.index({ tenantId: 1 });

const pageSchema = new Schema<SegmentPageDocument>(
  {
    _id: { type: String, required: true },
    snapshotId: { type: String, required: true },
    tenantId: { type: String, required: true },
    segment: { type: String, required: true },
    page: { type: Number, required: true },
    members: { type: Schema.Types.Mixed, required: true },
  },
  options('segment_members'),
);
pageSchema.index({ snapshotId: 1 });

const movementSchema = new Schema<SegmentMovementDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    from: { type: String, required: true },
    to: { type: String, required: true },
    toTakenAt: { type: Date, required: true },
    fromTakenAt: { type: Date, required: true },
    cells: { type: Schema.Types.Mixed, required: true },
  },
  options('segment_movements'),
);

export const snapshotId = (tenantId: string, date: string) => `${tenantId}:${date}`;
const pageId = (snapshot: string, segment: string, page: number) => `${snapshot}:${segment}:${page}`;

export interface SegmentSnapshotStore {
  /** Writes the member pages, then the snapshot; taking a day again replaces it (and drops pages left over). */
  put(
    snapshot: Omit<SegmentSnapshotDocument, '_id' | 'pages'>,
    members: readonly SegmentMember[],
  ): Promise<SegmentSnapshotDocument>;
  get(tenantId: string, date: string): Promise<SegmentSnapshotDocument | null>;
  /** The tenant's snapshot dates, newest first (one small document a day). */
  dates(tenantId: string, limit: number): Promise<string[]>;
  /** One page of a segment's members (by `_id`); empty past the last page. */
  page(snapshot: SegmentSnapshotDocument, segment: RfmSegmentName, page: number): Promise<SegmentMember[]>;
  /** Every member of a snapshot with their segment, page by page. */
  segmentsOf(snapshot: SegmentSnapshotDocument): Promise<Map<string, RfmSegmentName>>;
  getMovement(from: string, to: string, tenantId: string): Promise<SegmentMovementDocument | null>;
  putMovement(movement: Omit<SegmentMovementDocument, '_id'>): Promise<void>;
  /** The tenants that have live profiles (the nightly job snapshots each). */
  tenants(): Promise<string[]>;
}

export function segmentSnapshotStore(connection: Connection): SegmentSnapshotStore {
  const Snapshots = modelOn(connection, 'SegmentSnapshot', snapshotSchema);
  const Pages = modelOn(connection, 'SegmentPage', pageSchema);
  const Movements = modelOn(connection, 'SegmentMovement', movementSchema);
  const read = async (snapshot: SegmentSnapshotDocument, segment: string, page: number) => {
    const document = (await Pages.findById(pageId(snapshot._id, segment, page))
      .lean()
      .exec()) as SegmentPageDocument | null;
    return (document?.members ?? []).map((m) => ({
      profileId: m.p,
      segment: segment as RfmSegmentName,
      recency: m.r,
      frequency: m.f,
      monetary: m.m,
    }));
  };
  return {
    async put(snapshot, members) {
      const id = snapshotId(snapshot.tenantId, snapshot.date);
      const bySegment = new Map<RfmSegmentName, SegmentMember[]>();
      for (const member of [...members].sort((x, y) => (x.profileId < y.profileId ? -1 : 1))) {
        const list = bySegment.get(member.segment) ?? [];
        list.push(member);
        bySegment.set(member.segment, list);
      }
      const pages: Record<string, number> = {};
      const writes: SegmentPageDocument[] = [];
      for (const [segment, list] of bySegment) {
        pages[segment] = Math.ceil(list.length / SEGMENT_PAGE_SIZE);
        for (let page = 0; page < pages[segment]; page += 1)
          writes.push({
            _id: pageId(id, segment, page),
            snapshotId: id,
            tenantId: snapshot.tenantId,
            segment,
            page,
            members: list
              .slice(page * SEGMENT_PAGE_SIZE, (page + 1) * SEGMENT_PAGE_SIZE)
              .map((m) => ({ p: m.profileId, r: m.recency, f: m.frequency, m: m.monetary })),
          });
      }
      // Pages of a previous run of the same day that this run no longer has.
      const kept = new Set(writes.map((w) => w._id));
      const previous = await Pages.find({ snapshotId: id }, { _id: 1 }).lean().exec();
      const stale = previous.map((p) => p._id).filter((pid) => !kept.has(pid));
      if (stale.length > 0) await Pages.deleteMany({ _id: { $in: stale } });
      for (const write of writes) await Pages.replaceOne({ _id: write._id }, write, { upsert: true });
      const document: SegmentSnapshotDocument = { ...snapshot, _id: id, pages };
      await Snapshots.replaceOne({ _id: id }, document, { upsert: true });
      return document;
    },
    get: async (tenantId, date) => await Snapshots.findById(snapshotId(tenantId, date)).lean().exec(),
    async dates(tenantId, limit) {
      const found = await Snapshots.find({ tenantId }, { date: 1 }).lean().exec();
      return found
        .map((s) => s.date)
        .sort()
        .reverse()
        .slice(0, limit);
    },
    page: (snapshot, segment, page) =>
      page < (snapshot.pages[segment] ?? 0) ? read(snapshot, segment, page) : Promise.resolve([]),
    async segmentsOf(snapshot) {
      const segments = new Map<string, RfmSegmentName>();
      for (const [segment, count] of Object.entries(snapshot.pages))
        for (let page = 0; page < count; page += 1)
          for (const member of await read(snapshot, segment, page))
            segments.set(member.profileId, member.segment);
      return segments;
    },
    getMovement: async (from, to, tenantId) =>
      await Movements.findById(`${tenantId}:${from}>${to}`).lean().exec(),
    async putMovement(movement) {
      const _id = `${movement.tenantId}:${movement.from}>${movement.to}`;
      await Movements.replaceOne({ _id }, { _id, ...movement }, { upsert: true });
    },
    async tenants() {
      const found: unknown[] = await connection
        .collection('profiles')
        .distinct('tenantId', { retiredAt: null });
      return found.filter((t): t is string => typeof t === 'string').sort();
    },
  };
}
