import { identifierTypes } from '@scontrino/identity';
import { serviceProcedure } from '@scontrino/trpc';
import { z } from 'zod';
import { observationIds } from '../../domain/ids.js';
import type { Observation } from '../../domain/observations/observation.js';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { tenantIdSchema } from '../../use-cases/linking/identifier-ref.js';
import { observedFromRaw } from '../../use-cases/linking/observed-identifiers.js';
import { tenantConfig } from '../../use-cases/linking/tenant-config.js';

export const identifyInput = z.object({
  tenantId: tenantIdSchema,
  /** Who saw them together (`crm`, `app-login`, …) and its own id for the sighting: stored once. */
  source: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/),
  sourceId: z.string().min(1).max(128),
  at: z.iso.datetime({ offset: true }),
  identifiers: z
    .array(
      z.object({
        type: z.enum(identifierTypes),
        value: z.string().min(1).max(320),
        country: z
          .string()
          .regex(/^[A-Za-z]{2}$/)
          .optional(),
        /** The source checked it (a confirmed e-mail, a logged-in account). */
        verified: z.boolean().optional(),
      }),
    )
    .min(1)
    .max(20),
  /** The web shop a `webAccount` belongs to (default: the tenant's own shop, named as the tenant). */
  shopId: z.string().min(1).max(64).optional(),
  name: z.string().min(1).max(200).optional(),
});

export const identifyOutput = z.object({
  observationId: z.string(),
  status: z.enum(['accepted', 'duplicate']),
  ignored: z.array(z.object({ type: z.string(), reason: z.string() })),
});

/**
 * The observation an identify call makes: its identifiers normalised as the tenant's e-mail
 * settings say, each value sealed, the name sealed; and which values were ignored and why.
 */
export async function identifyObservation(graph: GraphDeps, input: z.infer<typeof identifyInput>) {
  const { email } = await tenantConfig(graph.store.staff, graph.defaults, input.tenantId);
  const { observed, ignored } = observedFromRaw(graph.crypto, input.tenantId, input.identifiers, {
    shopId: input.shopId ?? input.tenantId,
    email,
  });
  const observation: Observation = {
    observationId: observationIds.identify(input.source, input.sourceId),
    tenantId: input.tenantId,
    kind: 'identify',
    channel: 'identify',
    rule: 'identify',
    at: new Date(input.at),
    storeId: null,
    shopId: input.shopId ?? null,
    pickupStoreId: null,
    purchase: null,
    identifiers: observed,
    nameSealed: input.name ? graph.crypto.sealName(input.name.trim()) : null,
  };
  return { observation, ignored };
}

/**
 * `observations.identify`: identifiers a source saw together (a CRM record, an app login); linked
 * before the answer, in a batch with whatever else is being linked for the tenant meanwhile.
 */
export function identifyProcedure(graph: GraphDeps) {
  return serviceProcedure
    .input(identifyInput)
    .output(identifyOutput)
    .mutation(async ({ input }) => {
      const { observation, ignored } = await identifyObservation(graph, input);
      const stored = await graph.linker.storeAndLink(observation);
      return { observationId: stored.observation.observationId, status: stored.status, ignored };
    });
}
