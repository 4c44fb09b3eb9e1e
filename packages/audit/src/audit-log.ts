import { modelOn } from '@scontrino/db';
import { randomBytes } from 'node:crypto';
import type { AuditEntry, AuditRecorder } from '@scontrino/trpc';
import { type Connection, type Model, Schema } from 'mongoose';

/** An entry as stored and read back: its id orders entries by time (`<ISO time>-<random>`). */
export interface StoredAuditEntry extends AuditEntry {
  id: string;
  service: string;
}

interface AuditDocument extends Omit<AuditEntry, 'target'> {
  _id: string;
  service: string;
  target: Record<string, string>;
}

const auditSchema = new Schema<AuditDocument>(
  {
    _id: { type: String, required: true },
    service: { type: String, required: true },
    at: { type: Date, required: true },
    actor: {
      subject: { type: String, required: true },
      name: { type: String, default: null },
      roles: { type: [String], required: true },
    },
    action: { type: String, required: true },
    kind: { type: String, required: true },
    tenantId: { type: String, default: null },
    target: { type: Schema.Types.Mixed, default: {} },
    reason: { type: String, default: null },
    outcome: { type: String, required: true },
    errorCode: { type: String, default: null },
    requestId: { type: String, required: true },
  },
  { collection: 'audit_log', versionKey: false, minimize: false },
);
auditSchema.index({ tenantId: 1, _id: -1 });
auditSchema.index({ 'actor.subject': 1, _id: -1 });

function model(connection: Connection): Model<AuditDocument> {
  return modelOn<AuditDocument>(connection, 'AuditEntry', auditSchema);
}

export interface AuditQuery {
  /** Entries of these tenants only (and entries naming no tenant when `includeUntenanted`); all when null. */
  tenants: readonly string[] | null;
  from?: Date;
  to?: Date;
  actor?: string;
  action?: string;
  outcome?: AuditEntry['outcome'];
  /** Entries whose target names this id (`target.profileId = prf_…`): filtered after the tenant's index. */
  target?: { field: string; value: string };
  /** Entries older than this id (the previous page's last). */
  before?: string;
}

/**
 * The audit log of one service: appended to, searched and exported; never edited. Entries leave
 * only through the retention purge (`purgeBefore`). Give the service's database user no update or
 * remove right on `audit_log` in production (docs/security.md).
 */
export interface AuditLog extends AuditRecorder {
  search(query: AuditQuery, limit: number): Promise<StoredAuditEntry[]>;
  /** Oldest first, for an export of any size. */
  stream(query: AuditQuery): AsyncIterable<StoredAuditEntry>;
  purgeBefore(before: Date): Promise<number>;
}

const entryId = (at: Date) => `${at.toISOString()}-${randomBytes(6).toString('hex')}`;

function filterOf(query: AuditQuery): Record<string, unknown> {
  const filter: Record<string, unknown> = {};
  if (query.tenants !== null) filter.tenantId = { $in: query.tenants };
  const at: Record<string, Date> = {};
  if (query.from) at.$gte = query.from;
  if (query.to) at.$lt = query.to;
  if (Object.keys(at).length > 0) filter.at = at;
  if (query.actor) filter['actor.subject'] = query.actor;
  if (query.action) filter.action = query.action;
  if (query.outcome) filter.outcome = query.outcome;
  if (query.target) filter[`target.${query.target.field}`] = query.target.value;
  if (query.before) filter._id = { $lt: query.before };
  return filter;
}

const toEntry = ({ _id, ...document }: AuditDocument): StoredAuditEntry => ({ id: _id, ...document });

export function auditLog(connection: Connection, service: string): AuditLog {
  const Entries = model(connection);
  return {
    async record(entry) {
      await Entries.create({ _id: entryId(entry.at), service, ...entry, target: { ...entry.target } });
    },
    async search(query, limit) {
      const found = await Entries.find(filterOf(query))
        .sort({ _id: -1 })
        .limit(limit)
        .lean<AuditDocument[]>();
      return found.map(toEntry);
    },
    async *stream(query) {
      const { before: _ignored, ...rest } = query;
      for await (const document of Entries.find(filterOf(rest))
        .sort({ _id: 1 })
        .lean<AuditDocument[]>()
        .cursor())
        yield toEntry(document);
    },
    purgeBefore: async (before) => (await Entries.deleteMany({ at: { $lt: before } })).deletedCount,
  };
}
