import { parseArgs } from 'node:util';
import { localIssuerDefaults } from './local-issuer.js';
import { type StaffClaims, staffClaimsSchema } from './staff-member.js';

export const tokenUsage = `Usage: pnpm --filter @scontrino/staff-access token -- [command] [options]

Staff tokens from a local issuer's private key, for the demo stack and for trying a deployment
that trusts that key (STAFF_TOKEN_ISSUER + STAFF_JWKS). Real staff sign in at the identity provider.

  mint (default)    prints a signed staff token
    --key <file>      the issuer's private key: JWK or PKCS#8 PEM (ES256); npm start keeps one in .stack/staff-issuer.jwk.json
    --sub <id>        who the token speaks for (the audit log's actor)
    --name <text>     their display name (optional)
    --roles <list>    comma-separated: admin, store_manager, crm_analyst, support
    --tenants <list>  comma-separated brands, or * for all
    --stores <list>   comma-separated store ids; required for store_manager
    --ttl <time>      lifetime, e.g. 30m, 8h, 7d; default 8h
    --issuer <url>    default ${localIssuerDefaults.issuer}
    --audience <aud>  default ${localIssuerDefaults.audience}
  jwks --key <file>   prints the public keys as JSON, the value of STAFF_JWKS
  keygen --key <file> creates a new private key there (never overwrites) and prints its JWKS

Exit code: 0, or 2 on bad options.`;

export class TokenUsageError extends Error {
  override readonly name = 'TokenUsageError';
}

export type TokenCommand =
  | { kind: 'help' }
  | { kind: 'jwks' | 'keygen'; keyFile: string }
  | {
      kind: 'mint';
      keyFile: string;
      claims: StaffClaims;
      /** Seconds. */
      ttl: number;
      issuer: string;
      audience: string;
    };

const units = { s: 1, m: 60, h: 3600, d: 86_400 } as const;

/** "30m", "8h", "7d" in seconds. */
export function parseTtl(text: string): number {
  const match = /^(\d+)(s|m|h|d)$/.exec(text.trim());
  const seconds = match ? Number(match[1]) * units[match[2] as keyof typeof units] : 0;
  if (seconds <= 0) throw new TokenUsageError(`--ttl "${text}" is not a lifetime like 30m, 8h or 7d`);
  return seconds;
}

const list = (text: string | undefined) =>
  text
    ?.split(',')
    .map((item) => item.trim())
    .filter(Boolean);

/** The command line, checked; the claims pass the same schema the services verify tokens with. */
export function parseTokenArgs(argv: readonly string[]): TokenCommand {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      allowPositionals: true,
      options: {
        key: { type: 'string' },
        sub: { type: 'string' },
        name: { type: 'string' },
        roles: { type: 'string' },
        tenants: { type: 'string' },
        stores: { type: 'string' },
        ttl: { type: 'string', default: '8h' },
        issuer: { type: 'string', default: localIssuerDefaults.issuer },
        audience: { type: 'string', default: localIssuerDefaults.audience },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new TokenUsageError(error instanceof Error ? error.message : String(error));
  }
  const { values, positionals } = parsed;
  if (values.help) return { kind: 'help' };
  const [command = 'mint', ...extra] = positionals;
  if (extra.length > 0 || !['mint', 'jwks', 'keygen'].includes(command))
    throw new TokenUsageError(`unknown command "${positionals.join(' ')}"; expected mint, jwks or keygen`);
  if (values.key === undefined) throw new TokenUsageError('--key <file> is required');
  if (command === 'jwks' || command === 'keygen') return { kind: command, keyFile: values.key };

  const stores = list(values.stores);
  const claims = staffClaimsSchema.safeParse({
    sub: values.sub,
    ...(values.name !== undefined && { name: values.name }),
    roles: list(values.roles) ?? [],
    tenants: list(values.tenants) ?? [],
    ...(stores !== undefined && { stores }),
  });
  if (!claims.success)
    throw new TokenUsageError(
      claims.error.issues
        .map((issue) => `--${String(issue.path[0] ?? 'claims')}: ${issue.message}`)
        .join('\n'),
    );
  return {
    kind: 'mint',
    keyFile: values.key,
    claims: claims.data,
    ttl: parseTtl(values.ttl),
    issuer: values.issuer,
    audience: values.audience,
  };
}
