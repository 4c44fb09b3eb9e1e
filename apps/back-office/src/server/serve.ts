import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build, type LogLevel, preview } from 'vite';
import { buildFingerprint, readBuildInputs } from './build-fingerprint.js';
import { asProduction } from './env.js';
import { staffSignIn, type StaffSignIn } from './oidc.js';
import type { ServiceName } from './trpc-gate.js';
import { APP_ROOT, backOfficeViteConfig } from './vite-config.js';

export interface BackOfficeOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  serviceUrls: Readonly<Record<ServiceName, string>>;
  oidc: {
    issuer: string;
    clientId: string;
    clientSecret?: string | undefined;
    authorizationEndpoint?: string | undefined;
    tokenEndpoint?: string | undefined;
  };
  /** Default: the address it listens on. */
  publicUrl?: string;
  sessionSecret: string;
  build?: boolean;
  outDir?: string;
  logLevel?: LogLevel;
}

export interface RunningBackOffice {
  url: string;
  /** `<url>/auth/callback`: what the identity provider must know as this client's redirect URI. */
  redirectUri: string;
  build: 'built' | 'fresh';
  close(): Promise<void>;
}

const FINGERPRINT_FILE = '.build-fingerprint';
let builds: Promise<unknown> = Promise.resolve();

async function ensureBuilt(outDir: string, logLevel: LogLevel, force: boolean): Promise<'built' | 'fresh'> {
  const fingerprint = buildFingerprint(await readBuildInputs(APP_ROOT), {});
  const stored = await readFile(join(outDir, FINGERPRINT_FILE), 'utf8').catch(() => null);
  if (!force && stored === fingerprint) return 'fresh';
  const staging = join(
    APP_ROOT,
    'node_modules/.cache/back-office',
    `build-${randomBytes(6).toString('hex')}`,
  );
  await mkdir(staging, { recursive: true });
  try {
    const nowhere = 'http://127.0.0.1:1';
    const config = backOfficeViteConfig({
      serviceUrls: { receipt: nowhere, loyalty: nowhere, reconciliation: nowhere },
      outDir: staging,
    });
    await asProduction(() => build({ ...config, configFile: false, logLevel }));
    await writeFile(join(staging, FINGERPRINT_FILE), fingerprint);
    await rm(outDir, { recursive: true, force: true });
    await rename(staging, outDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return 'built';
}

/**
 * The back office as the stack and the tests run it: built with Vite when missing or stale, then
 * served by Vite's preview server with the staff sign-in (`/auth/*`), the session, and
 * `/trpc/<service>/*` proxied to each service with the signed-in staff member's token.
 */
export async function startBackOffice(options: BackOfficeOptions): Promise<RunningBackOffice> {
  const outDir = resolve(APP_ROOT, options.outDir ?? 'dist');
  const logLevel = options.logLevel ?? 'warn';
  const built = builds.then(() => ensureBuilt(outDir, logLevel, options.build === true));
  builds = built.catch(() => undefined);
  const outcome = await built;

  let publicUrl = options.publicUrl ?? '';
  // Discovery (when the provider has it) happens on the first sign-in, so the app starts while the
  // provider is down; a failed discovery is tried again on the next one.
  let signIn: Promise<StaffSignIn> | undefined;
  const signInOnce = () => {
    signIn ??= staffSignIn({ ...options.oidc, redirectUri: `${publicUrl}/auth/callback` }).catch(
      (error: unknown) => {
        signIn = undefined;
        throw error;
      },
    );
    return signIn;
  };
  const config = backOfficeViteConfig({
    serviceUrls: options.serviceUrls,
    outDir,
    server: { signIn: signInOnce, sessionSecret: options.sessionSecret, publicUrl: () => publicUrl },
  });
  const host = options.host ?? '127.0.0.1';
  const server = await preview({
    ...config,
    configFile: false,
    logLevel,
    preview: { ...config.preview, port: options.port ?? 0, host, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address) throw new Error('the preview server is not listening');
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  publicUrl ||= url;
  return { url, redirectUri: `${publicUrl}/auth/callback`, build: outcome, close: () => server.close() };
}
