import { requireScope, staffProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { storeProfileSchema } from '../../domain/store-profile.js';
import type { StoreProfileReader } from '../../use-cases/get-store-profile.js';
import { storeTimeZones } from '../../use-cases/store-time-zones.js';

export const storeTimeZonesInput = z.object({
  tenantId: z.string().regex(/^[\w-]{1,64}$/),
  /** The stores of a customer's timeline: one page of it names at most this many. */
  storeIds: z.array(storeProfileSchema.shape.storeId).min(1).max(200),
});

/**
 * `stores.timeZones`: the zone of each of the brand's stores named (`{ "MI-001": "Europe/Rome" }`),
 * for whoever reads its customer profiles (`profiles.read`: the CRM analyst, support, admins), so a
 * customer's timeline shows each receipt at its store's time.
 */
export function storeTimeZonesProcedure(stores: StoreProfileReader) {
  return staffProcedure('profiles.read')
    .input(storeTimeZonesInput)
    .output(z.record(z.string(), z.string()))
    .query(async ({ ctx, input }) => {
      requireScope(ctx, { tenantId: input.tenantId });
      return storeTimeZones(stores, input.tenantId, input.storeIds);
    });
}
