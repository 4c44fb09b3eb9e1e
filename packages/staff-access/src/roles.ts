/**
 * What a retailer's staff may do, by role. Roles are what an identity provider assigns; the
 * services only ever ask for a permission, so a role can change without touching a procedure.
 */
export const staffRoles = ['admin', 'store_manager', 'crm_analyst', 'support'] as const;
export type StaffRole = (typeof staffRoles)[number];

export const permissions = [
  /** A store's profile. */
  'stores.read',
  /** Create or change a store's profile (address, VAT number, branding). */
  'stores.manage',
  /** Issue and revoke the tills' terminal keys. */
  'terminals.manage',
  /** Receipts and their deliveries. */
  'receipts.read',
  /** Send a receipt's e-mail again. */
  'receipts.resend',
  /** Members, their cards, balances and recent sales. */
  'members.read',
  /** Enrol members and add cards for them. */
  'members.manage',
  /** Correct a member's points by hand. */
  'points.adjust',
  /** The loyalty program: rules, tiers, campaigns, their history and dry runs. */
  'program.read',
  /** Save and discard the brand's shared draft of its next program (dry runs need only `program.read`). */
  'program.draft',
  /** Activate a new version of the loyalty program. */
  'program.manage',
  /** Customer profiles, their identifiers and the explanation of each link, masked (hashes, `m•••o@e•••.it`). */
  'profiles.read',
  /**
   * A customer's e-mail, phone, card and name in clear (`profiles.reveal`, one profile at a time,
   * with a reason, audited); whoever lacks it sees masked values everywhere.
   */
  'identity.reveal',
  /** Merge, cut, override and quarantine identity links; decide suggestions. */
  'identity.curate',
  /** The reconciliation settings (thresholds, blocklists). */
  'settings.read',
  'settings.manage',
  /** Data-subject requests: export and erasure. */
  'privacy.requests',
  /** The audit log, its search and export. */
  'audit.read',
  /** The back office's KPI dashboard: daily figures of the stores in scope (no personal data). */
  'kpis.read',
  /** A service's backlog: queue depths, oldest job, outbox, linking lag (counts, no personal data). */
  'operations.read',
  /** Create tenants (brands) and list them: a call naming a tenant nobody created is a 404. */
  'tenants.manage',
  /** Issue, list and revoke the keys of a brand's web shops and apps (`sk_shop_…`). */
  'shops.manage',
] as const;
export type Permission = (typeof permissions)[number];

const grants: Readonly<Record<StaffRole, readonly Permission[]>> = {
  admin: permissions,
  /** Runs their stores: tills and receipts of those stores only (see `StaffMember.stores`). */
  store_manager: ['stores.read', 'terminals.manage', 'receipts.read', 'receipts.resend', 'kpis.read'],
  /**
   * The CRM team: the program and the single customer view, masked; they curate identities by
   * hash and never contact people, so no clear values, no money and no data-subject requests.
   */
  crm_analyst: [
    'program.read',
    'program.draft',
    'profiles.read',
    'identity.curate',
    'settings.read',
    'kpis.read',
    'operations.read',
  ],
  /** The customer service desk: members, points corrections, receipts, clear contact data and data-subject requests. */
  support: [
    'stores.read',
    'members.read',
    'members.manage',
    'points.adjust',
    'receipts.read',
    'receipts.resend',
    'profiles.read',
    'identity.reveal',
    'privacy.requests',
    'operations.read',
  ],
};

export function permissionsOf(role: StaffRole): readonly Permission[] {
  return grants[role];
}

/** The roles that grant a permission, e.g. for a refusal's message or a test's matrix. */
export function rolesGranting(permission: Permission): StaffRole[] {
  return staffRoles.filter((role) => grants[role].includes(permission));
}
