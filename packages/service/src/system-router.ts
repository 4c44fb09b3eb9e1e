import { router, serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import type { ReadinessCheck } from './readiness.js';

export const serviceStatusSchema = z.object({
  service: z.string(),
  startedAt: z.iso.datetime(),
  uptimeSeconds: z.number().int().nonnegative(),
  dependencies: z.record(z.string(), z.enum(['up', 'down'])),
});

/** `system.status`: for other services and operators holding the service token. */
export function createSystemRouter(service: string, checks: readonly ReadinessCheck[]) {
  const startedAt = new Date();
  return router({
    status: serviceProcedure.output(serviceStatusSchema).query(async () => {
      const results = await Promise.all(
        checks.map(
          async (check) => [check.name, (await check.isReady().catch(() => false)) ? 'up' : 'down'] as const,
        ),
      );
      return {
        service,
        startedAt: startedAt.toISOString(),
        uptimeSeconds: Math.floor((Date.now() - startedAt.getTime()) / 1000),
        dependencies: Object.fromEntries(results),
      };
    }),
  });
}
