import { router } from '@scontrino/trpc';
import type { GraphDeps } from '../../use-cases/linking/graph-deps.js';
import { cutLinkProcedure } from './cut-link.js';
import { junkReportProcedure } from './junk-report.js';
import { overrideProcedure } from './overrides.js';
import { quarantineProcedure } from './quarantine.js';

/** The staff routers: unmerge, quarantine, overrides, junk report. */
export function createStaffRouters(graph: GraphDeps) {
  return {
    links: router({ cut: cutLinkProcedure(graph) }),
    identifiers: router({ quarantine: quarantineProcedure(graph) }),
    overrides: router({
      neverLink: overrideProcedure(graph, 'never-link'),
      mustLink: overrideProcedure(graph, 'must-link'),
    }),
    junk: router({ report: junkReportProcedure(graph) }),
  };
}
