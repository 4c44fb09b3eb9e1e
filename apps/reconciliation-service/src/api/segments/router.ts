import { requireScope, router, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { MarketingConsents } from '../../clients/marketing-consents.js';
import { marketingChannels, rfmSegmentNames } from '../../domain/segments/rfm-segments.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { exportSegment } from '../../use-cases/segments/export-segment.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import {
  segmentMembersPage,
  segmentMovementBetween,
  segmentSummary,
  takeSegmentSnapshot,
} from '../../use-cases/segments/segments.js';

const day = z.iso.date('a day as YYYY-MM-DD');
const segment = z.enum(rfmSegmentNames);

export const segmentSummaryInput = z.object({ tenantId: tenantIdSchema, date: day.optional() });
export const segmentMovementInput = z
  .object({ tenantId: tenantIdSchema, from: day, to: day })
  .refine((input) => input.from < input.to, { error: 'from must be a day before to', path: ['to'] });
export const segmentMembersInput = z.object({
  tenantId: tenantIdSchema,
  date: day,
  segment,
  page: z.number().int().min(0).max(10_000).default(0),
});
export const segmentExportInput = z.object({
  tenantId: tenantIdSchema,
  date: day,
  segment,
  channel: z.enum(marketingChannels),
});

const snapshotView = z.object({
  date: z.string(),
  takenAt: z.string(),
  customers: z.number().int(),
  counts: z.record(segment, z.number().int()),
  cutoffs: z.object({
    recency: z.array(z.number()),
    frequency: z.array(z.number()),
    monetary: z.array(z.number()),
  }),
});

const place = z.union([segment, z.literal('none')]);

/**
 * `segments.*`: the RFM segments of a brand, from the nightly snapshots (no sale is read per
 * request). Counts and movement carry no personal data; members are masked and their read audited.
 * Store managers have no `profiles.read`: customers are the brand's, not a store's.
 */
export function createSegmentsRouter(graph: GraphDeps, consents?: MarketingConsents) {
  return router({
    summary: staffProcedure('profiles.read')
      .input(segmentSummaryInput)
      .output(z.object({ dates: z.array(z.string()), snapshot: snapshotView.nullable() }))
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const { dates, snapshot } = await segmentSummary(graph, input.tenantId, input.date ?? null);
        return {
          dates,
          snapshot: snapshot && {
            date: snapshot.date,
            takenAt: snapshot.takenAt.toISOString(),
            customers: snapshot.customers,
            counts: snapshot.counts,
            cutoffs: snapshot.cutoffs,
          },
        };
      }),
    movement: staffProcedure('profiles.read')
      .input(segmentMovementInput)
      .output(
        z.object({
          from: z.string(),
          to: z.string(),
          cells: z.array(z.object({ from: place, to: place, customers: z.number().int() })),
        }),
      )
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        return segmentMovementBetween(graph, input.tenantId, input.from, input.to);
      }),
    members: staffProcedure('profiles.read', { audit: 'read' })
      .input(segmentMembersInput)
      .output(
        z.object({
          pages: z.number().int(),
          members: z.array(
            z.object({
              profileId: z.string(),
              segment,
              recency: z.number().int(),
              frequency: z.number().int(),
              monetary: z.number().int(),
              identifiers: z.array(z.object({ type: z.string(), hash: z.string(), masked: z.string() })),
            }),
          ),
        }),
      )
      .query(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        return segmentMembersPage(graph, input.tenantId, input.date, input.segment, input.page);
      }),
    /**
     * A segment's members who consented to marketing on the channel, masked, for a CRM tool's
     * import: a POST (audited as a read of personal data), so the export leaves a trace.
     */
    export: staffProcedure('profiles.read', { audit: 'read' })
      .input(segmentExportInput)
      .output(
        z.object({
          members: z.number().int(),
          rows: z.array(
            z.object({
              profileId: z.string(),
              recency: z.number().int(),
              frequency: z.number().int(),
              monetary: z.number().int(),
              contact: z.string(),
              consent: z.record(z.enum(marketingChannels), z.boolean().nullable()),
            }),
          ),
        }),
      )
      .mutation(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        return exportSegment({ ...graph, consents }, input);
      }),
    /** Takes today's snapshot now (the nightly job does it too); a second run the same day replaces it. */
    snapshot: staffProcedure('identity.curate')
      .input(z.object({ tenantId: tenantIdSchema }))
      .output(z.object({ date: z.string(), customers: z.number().int() }))
      .mutation(async ({ ctx, input }) => {
        requireScope(ctx, { tenantId: input.tenantId });
        const snapshot = await takeSegmentSnapshot(graph, input.tenantId);
        return { date: snapshot.date, customers: snapshot.customers };
      }),
  });
}
