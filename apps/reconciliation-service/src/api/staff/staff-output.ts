import { z } from 'zod';

/** What a staff action answers: the profiles now holding what it named. */
export const staffActionOutput = z.object({
  profiles: z.array(
    z.object({
      profileId: z.string(),
      identifiers: z.array(z.object({ type: z.string(), hash: z.string() })),
    }),
  ),
  merged: z.number().int(),
  split: z.number().int(),
});

/**
 * Why a member of staff changes the identity graph (a ticket, what the customer said): required
 * on every curation action, so the audit log that records it always says why.
 */
export const curationReason = z.string().trim().min(3).max(500);
