import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { exportJWK, importPKCS8, type JWK } from 'jose';
import { createLocalIssuer, type LocalIssuer } from './local-issuer.js';

/**
 * A local issuer's private key as text: a JWK (what `createLocalIssuer` keeps) or a PKCS#8 PEM
 * (`openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256`). Only ES256 keys sign here.
 */
export async function parseIssuerKey(text: string): Promise<JWK> {
  const trimmed = text.trim();
  const jwk = trimmed.startsWith('-----BEGIN')
    ? await exportJWK(await importPKCS8(trimmed, 'ES256', { extractable: true })).catch((error: unknown) => {
        throw new Error(`not an ES256 (P-256) private key in PKCS#8 PEM: ${(error as Error).message}`);
      })
    : (JSON.parse(trimmed) as JWK);
  if (jwk.kty !== 'EC' || jwk.crv !== 'P-256' || typeof jwk.d !== 'string')
    throw new Error(
      'expected an ES256 private key: a JWK with kty "EC", crv "P-256" and "d", or a PKCS#8 PEM',
    );
  return jwk;
}

export async function readIssuerKey(path: string): Promise<JWK> {
  const text = await readFile(path, 'utf8');
  try {
    return await parseIssuerKey(text);
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Writes a private JWK readable by this user only. */
export async function writeIssuerKey(path: string, jwk: JWK): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, `${JSON.stringify(jwk, null, 2)}\n`, { mode: 0o600 });
}

/**
 * The local issuer whose key is kept in `path`, made (and written there) the first time, so
 * tokens minted on one run still verify on the next.
 */
export async function localIssuerFromKeyFile(
  path: string,
  options: { issuer?: string; audience?: string } = {},
): Promise<LocalIssuer & { created: boolean }> {
  const existing = await readIssuerKey(path).catch((error: unknown) => {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  });
  const issuer = await createLocalIssuer({ ...options, ...(existing && { privateJwk: existing }) });
  if (!existing) await writeIssuerKey(path, issuer.privateJwk);
  return { ...issuer, created: existing === null };
}
