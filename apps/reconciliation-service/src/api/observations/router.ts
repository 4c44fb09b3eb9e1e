import { router } from '@scontrino/trpc';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { identifyProcedure } from './identify.js';
import { identifyManyProcedure } from './identify-many.js';
import { observationStatusProcedure } from './status.js';

export function createObservationsRouter(graph: GraphDeps) {
  return router({
    identify: identifyProcedure(graph),
    identifyMany: identifyManyProcedure(graph),
    status: observationStatusProcedure(graph),
  });
}
