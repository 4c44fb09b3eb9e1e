/**
 * What the back office's pages call, per service: the gate forwards these procedures and no
 * other, so a signed-in page cannot reach a service's machinery (`system.*`, `privacy.*`…)
 * through this server even where the staff member's token would allow it. The audit log viewer
 * reads `audit.search` (paged; its CSV export pages through it too). The services still check
 * the token's roles and stores on every call.
 */
export const SERVICE_PROCEDURES = {
  receipt: [
    'kpis.salesDaily',
    'stores.get',
    'stores.timeZones',
    'receipts.search',
    'receipts.get',
    'receipts.delivery',
    'receipts.resendEmail',
    'receipts.ofCustomer',
    'quality.contacts',
    'audit.search',
  ],
  loyalty: [
    'kpis.pointsDaily',
    'members.ofCustomer',
    'ledger.adjust',
    'program.current',
    'program.history',
    'program.dryRun',
    'program.activate',
    'program.draft',
    'program.saveDraft',
    'program.discardDraft',
    'audit.search',
  ],
  reconciliation: [
    'profiles.resolve',
    'profiles.get',
    'profiles.explain',
    'profiles.reveal',
    'links.cut',
    'overrides.neverLink',
    'overrides.mustLink',
    'identifiers.quarantine',
    'suggestions.list',
    'suggestions.accept',
    'suggestions.reject',
    'audit.search',
    'segments.summary',
    'segments.movement',
    'segments.members',
    'segments.export',
    'segments.snapshot',
    'quality.weeklyReport',
    'kpis.customersDaily',
  ],
} as const satisfies Record<string, readonly string[]>;

export type ServiceName = keyof typeof SERVICE_PROCEDURES;
export const SERVICE_NAMES = Object.keys(SERVICE_PROCEDURES) as ServiceName[];
