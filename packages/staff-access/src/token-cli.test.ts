import { execFile } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { decodeJwt } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localIssuerFromKeyFile } from './issuer-key.js';
import { localIssuerDefaults } from './local-issuer.js';
import { parseTokenArgs, parseTtl } from './token-cli.js';
import { createStaffTokenVerifier } from './token-verifier.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The CLI as an operator runs it. */
async function token(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
  }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => error,
  );
}

describe('token command line', () => {
  it('reads the claims, lists split on commas, and a default lifetime of 8 hours', () => {
    expect(
      parseTokenArgs([
        '--',
        '--key',
        'k.json',
        '--sub',
        'giulia',
        '--roles',
        'store_manager, support',
        '--tenants',
        'moda-rossi',
        '--stores',
        'MI-001,RM-001',
      ]),
    ).toEqual({
      kind: 'mint',
      keyFile: 'k.json',
      claims: {
        sub: 'giulia',
        roles: ['store_manager', 'support'],
        tenants: ['moda-rossi'],
        stores: ['MI-001', 'RM-001'],
      },
      ttl: 8 * 3600,
      ...localIssuerDefaults,
    });
    expect(parseTokenArgs(['jwks', '--key', 'k.pem'])).toEqual({ kind: 'jwks', keyFile: 'k.pem' });
    expect(parseTtl('30m')).toBe(1800);
    expect(parseTtl('7d')).toBe(7 * 86_400);
  });

  it('refuses what the services would refuse, naming the option', () => {
    expect(() =>
      parseTokenArgs(['--key', 'k', '--sub', 'x', '--roles', 'store_manager', '--tenants', 'moda-rossi']),
    ).toThrow('--stores: a store manager token names its stores');
    expect(() =>
      parseTokenArgs(['--key', 'k', '--sub', 'x', '--roles', 'cashier', '--tenants', '*']),
    ).toThrow(/--roles/);
    expect(() => parseTokenArgs(['--sub', 'x', '--roles', 'admin', '--tenants', '*'])).toThrow('--key');
    expect(() => parseTtl('forever')).toThrow('--ttl');
    expect(() => parseTokenArgs(['rotate', '--key', 'k'])).toThrow('unknown command');
  });
});

describe('token CLI', { timeout: 30_000 }, () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'staff-token-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('when a key is made and a token minted with it, then the token verifies with the public keys and holds the claims', async () => {
    const keyFile = join(dir, 'issuer.jwk.json');
    const made = await token(['keygen', '--key', keyFile]);
    expect(made.code).toBe(0);
    expect((await stat(keyFile)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(made.stdout)).toEqual(JSON.parse((await token(['jwks', '--key', keyFile])).stdout));
    expect(made.stdout).not.toContain('"d"');
    expect((await token(['keygen', '--key', keyFile])).code).toBe(2);

    const minted = await token([
      '--key',
      keyFile,
      '--sub',
      'marco',
      '--name',
      'Marco Bruni',
      '--roles',
      'crm_analyst',
      '--tenants',
      'moda-rossi',
      '--ttl',
      '30m',
    ]);
    expect(minted.code).toBe(0);
    const jwt = minted.stdout.trim();
    const verifier = createStaffTokenVerifier({
      ...localIssuerDefaults,
      jwks: { keys: JSON.parse(made.stdout) as { keys: [] } },
    });
    expect(await verifier.verify(jwt)).toEqual({
      ok: true,
      staff: {
        subject: 'marco',
        name: 'Marco Bruni',
        roles: ['crm_analyst'],
        tenants: ['moda-rossi'],
        stores: null,
      },
    });
    const { exp = 0, iat = 0 } = decodeJwt(jwt);
    expect(exp - iat).toBe(1800);
  });

  it('when the key is a PKCS#8 PEM, then it signs as well; a bad option exits 2 with the usage', async () => {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
    const pemFile = join(dir, 'issuer.pem');
    await writeFile(pemFile, privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const minted = await token(['--key', pemFile, '--sub', 'ops', '--roles', 'admin', '--tenants', '*']);
    expect(minted.code).toBe(0);
    const jwks = JSON.parse((await token(['jwks', '--key', pemFile])).stdout) as { keys: [] };
    const verifier = createStaffTokenVerifier({ ...localIssuerDefaults, jwks: { keys: jwks } });
    expect(await verifier.verify(minted.stdout.trim())).toMatchObject({
      ok: true,
      staff: { tenants: ['*'] },
    });

    const refused = await token(['--key', pemFile, '--sub', 'ops', '--roles', 'admin']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toContain('--tenants');
    expect(refused.stderr).toContain('Usage:');
  });

  it('when the stack keeps its key in a file, then a second start reuses it and earlier tokens still verify', async () => {
    const keyFile = join(dir, 'stack', 'staff-issuer.jwk.json');
    const first = await localIssuerFromKeyFile(keyFile);
    const earlier = await first.sign({ sub: 'demo-admin', roles: ['admin'], tenants: ['*'] });
    const second = await localIssuerFromKeyFile(keyFile);
    expect([first.created, second.created]).toEqual([true, false]);
    expect(await createStaffTokenVerifier(second.config).verify(earlier)).toMatchObject({ ok: true });
    expect(JSON.parse(await readFile(keyFile, 'utf8'))).toEqual(first.privateJwk);
  });
});
