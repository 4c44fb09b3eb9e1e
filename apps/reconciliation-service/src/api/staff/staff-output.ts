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
