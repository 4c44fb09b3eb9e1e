import { type StaffClaims, localIssuerDefaults, localIssuerFromKeyFile } from '@scontrino/staff-access';

/** Where the launcher keeps its staff token issuer's private key, in the state directory (`.stack`). */
export const STAFF_ISSUER_KEY_FILE = 'staff-issuer.jwk.json';

/** Long enough that a token copied into an HTTP client outlives a few restarts of the stack. */
const DEMO_TOKEN_DAYS = 7;

/**
 * The demo's members of staff, in the brands and stores of the simulator's catalogue
 * (apps/pos-simulator/src/catalogue/stores.ts). `may` is the summary's line about each.
 */
export const demoStaff = {
  admin: {
    label: 'admin',
    claims: { sub: 'demo-admin', name: 'Demo Admin', roles: ['admin'], tenants: ['*'] },
    may: 'everything in every brand: stores, tills, members, points, program, profiles, privacy, audit log',
  },
  storeManager: {
    label: 'store manager (Milano)',
    claims: {
      sub: 'demo-store-manager-mi-001',
      name: 'Demo Store Manager',
      roles: ['store_manager'],
      tenants: ['moda-rossi'],
      stores: ['MI-001'],
    },
    may: 'Moda Rossi Milano Centro (MI-001) only: its tills’ keys, its receipts (read, resend)',
  },
  crmAnalyst: {
    label: 'CRM analyst',
    claims: {
      sub: 'demo-crm-analyst',
      name: 'Demo CRM Analyst',
      roles: ['crm_analyst'],
      tenants: ['moda-rossi'],
    },
    may: 'Moda Rossi: loyalty program (read), customer profiles masked and their links (read, curate); no clear contact data, no points, no erasure',
  },
  support: {
    label: 'support desk',
    claims: {
      sub: 'demo-support',
      name: 'Demo Support',
      roles: ['support'],
      tenants: ['moda-rossi'],
    },
    may: 'Moda Rossi: members, points corrections, receipts (read, resend), profiles with clear values (profiles.reveal, with a reason), data-subject requests',
  },
} satisfies Record<string, { label: string; claims: StaffClaims; may: string }>;

export type DemoStaffName = keyof typeof demoStaff;

export interface DemoStaffToken {
  label: string;
  token: string;
  subject: string;
  roles: readonly string[];
  tenants: readonly string[];
  stores: readonly string[] | null;
  may: string;
  expiresAt: string;
}

/** What the stack's services trust and the tokens it hands out. */
export interface StackStaffAccess {
  issuer: string;
  audience: string;
  /** The private key; `pnpm --filter @scontrino/staff-access token -- --key <it> …` mints more tokens. */
  keyFile: string;
  /** Whether this start made the key (tokens of earlier runs do not verify then). */
  keyCreated: boolean;
  /** The services' environment: the issuer and its public keys inline. */
  environment: { STAFF_TOKEN_ISSUER: string; STAFF_TOKEN_AUDIENCE: string; STAFF_JWKS: string };
  tokens: Record<DemoStaffName, DemoStaffToken>;
}

/**
 * The stack's local staff token issuer, its key read from `keyFile` or made there on the first
 * start, and a fresh token for each demo member of staff.
 */
export async function stackStaffAccess(keyFile: string, now: Date = new Date()): Promise<StackStaffAccess> {
  const issuer = await localIssuerFromKeyFile(keyFile, localIssuerDefaults);
  const expiresAt = new Date(now.getTime() + DEMO_TOKEN_DAYS * 86_400_000);
  const entries = await Promise.all(
    Object.entries(demoStaff).map(async ([name, { label, claims, may }]) => {
      const token = await issuer.sign(claims, { expiresIn: `${DEMO_TOKEN_DAYS}d` });
      const entry: DemoStaffToken = {
        label,
        token,
        subject: claims.sub,
        roles: claims.roles,
        tenants: claims.tenants,
        stores: 'stores' in claims ? claims.stores : null,
        may,
        expiresAt: expiresAt.toISOString(),
      };
      return [name, entry] as const;
    }),
  );
  return {
    issuer: issuer.config.issuer,
    audience: issuer.config.audience,
    keyFile,
    keyCreated: issuer.created,
    environment: {
      STAFF_TOKEN_ISSUER: issuer.config.issuer,
      STAFF_TOKEN_AUDIENCE: issuer.config.audience,
      STAFF_JWKS: JSON.stringify(issuer.jwks),
    },
    tokens: Object.fromEntries(entries) as Record<DemoStaffName, DemoStaffToken>,
  };
}
