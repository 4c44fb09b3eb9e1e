import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { type Connection, Schema } from 'mongoose';

/** The weekly audit report of a tenant: `_id` is `<tenantId>:<week>`; claimed before it is sent, once. */
export interface WeeklyReportDocument {
  _id: string;
  tenantId: string;
  week: string;
  claimedAt: Date;
  sentAt: Date | null;
  recipients: number;
}

const reportSchema = new Schema<WeeklyReportDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    week: { type: String, required: true },
    claimedAt: { type: Date, required: true },
    sentAt: { type: Date, default: null },
    recipients: { type: Number, default: 0 },
  },
  { collection: 'weekly_reports', versionKey: false, minimize: false },
);

export interface IdentityQualityCounts {
  quarantined: number;
  quarantinedInRange: number;
  quarantinedByReason: Record<string, number>;
  mergesInRange: number;
  staffMergesInRange: number;
  suggestionsPending: number;
}

export interface QualityStore {
  /**
   * The identity graph's quality of a tenant: quarantined identifiers (all, and those of
   * `[from, to)`), merges of `[from, to)`, suggestions waiting for a decision. Each read is one
   * tenant's documents by an indexed top-level equality; merges by their date too (on MongoDB a
   * range of the `{ tenantId, mergedAt }` index; the local database filters the date after the
   * tenant), so a year of history does not make the week's report dearer.
   */
  identityCounts(tenantId: string, from: Date, to: Date): Promise<IdentityQualityCounts>;
  /**
   * Claims the week's report for sending: true for the first caller, and for a later one only when
   * the first neither sent it nor renewed its claim within `staleMs` (it crashed).
   */
  claimReport(tenantId: string, week: string, now: Date, staleMs: number): Promise<boolean>;
  markSent(tenantId: string, week: string, at: Date, recipients: number): Promise<void>;
  report(tenantId: string, week: string): Promise<WeeklyReportDocument | null>;
}

export function qualityStore(connection: Connection): QualityStore {
  const Reports = modelOn(connection, 'WeeklyReport', reportSchema);
  const db = connection.db;
  const collection = (name: string) => {
    if (!db) throw new Error('the database connection is not open');
    return db.collection(name);
  };
  return {
    async identityCounts(tenantId, from, to) {
      const quarantine = await collection('quarantine_report')
        .find({ tenantId }, { projection: { reason: 1, at: 1 } })
        .toArray();
      const byReason: Record<string, number> = {};
      let inRange = 0;
      for (const entry of quarantine) {
        const reason = String(entry.reason);
        byReason[reason] = (byReason[reason] ?? 0) + 1;
        const at = entry.at as Date;
        if (at >= from && at < to) inRange += 1;
      }
      // The week's merges only (the `{ tenantId, mergedAt }` index), not the tenant's whole history.
      const mergesInRange = await collection('profile_merges')
        .find({ tenantId, mergedAt: { $gte: from, $lt: to } }, { projection: { 'reason.actor': 1 } })
        .toArray();
      const suggestionsPending = await collection('suggestions').countDocuments({ tenantId, status: 'open' });
      return {
        quarantined: quarantine.length,
        quarantinedInRange: inRange,
        quarantinedByReason: byReason,
        mergesInRange: mergesInRange.length,
        staffMergesInRange: mergesInRange.filter((m) => (m.reason as { actor?: unknown } | undefined)?.actor)
          .length,
        suggestionsPending,
      };
    },
    async claimReport(tenantId, week, now, staleMs) {
      const _id = `${tenantId}:${week}`;
      try {
        await Reports.create({ _id, tenantId, week, claimedAt: now, sentAt: null, recipients: 0 });
        return true;
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
      }
      const taken = await Reports.updateOne(
        { _id, sentAt: null, claimedAt: { $lt: new Date(now.getTime() - staleMs) } },
        { $set: { claimedAt: now } },
      );
      return taken.modifiedCount > 0;
    },
    async markSent(tenantId, week, at, recipients) {
      await Reports.updateOne({ _id: `${tenantId}:${week}` }, { $set: { sentAt: at, recipients } });
    },
    report: async (tenantId, week) => await Reports.findById(`${tenantId}:${week}`).lean().exec(),
  };
}
