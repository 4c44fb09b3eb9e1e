import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';
import { build, type LogLevel, preview } from 'vite';
import { buildFingerprint, readBuildInputs } from './build-fingerprint.js';
import { asProduction } from './env.js';
import { APP_ROOT, DEFAULT_TENANT_ID, loyaltyAppViteConfig } from './vite-config.js';

export interface LoyaltyAppOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** The loyalty service; `/trpc` is proxied there. */
  loyaltyUrl: string;
  /** Build even when the bundle matches the sources (default: only when missing or stale). */
  build?: boolean;
  /** Default `moda-rossi` (the demo retailer). */
  tenantId?: string;
  /** Where the bundle goes, relative to the app's directory; default `dist`. */
  outDir?: string;
  /** Vite's own output; default `warn`. */
  logLevel?: LogLevel;
}

export interface RunningLoyaltyApp {
  url: string;
  /** Whether this start built the bundle or found it up to date. */
  build: 'built' | 'fresh';
  close(): Promise<void>;
}

interface BuildSettings {
  loyaltyUrl: string;
  tenantId: string;
  outDir: string;
  logLevel: LogLevel;
}

const FINGERPRINT_FILE = '.build-fingerprint';
// One build at a time in this process: Vite's build is CPU-bound and reads NODE_ENV (env.ts).
let builds: Promise<unknown> = Promise.resolve();

async function ensureBuilt(settings: BuildSettings, force: boolean): Promise<'built' | 'fresh'> {
  const fingerprint = buildFingerprint(await readBuildInputs(APP_ROOT), { tenantId: settings.tenantId });
  const stored = await readFile(join(settings.outDir, FINGERPRINT_FILE), 'utf8').catch(() => null);
  if (!force && stored === fingerprint) return 'fresh';
  // Built aside, then swapped in: a build that fails half way leaves the previous bundle whole.
  const staging = join(
    APP_ROOT,
    'node_modules/.cache/loyalty-app',
    `build-${randomBytes(6).toString('hex')}`,
  );
  await mkdir(staging, { recursive: true });
  const config = loyaltyAppViteConfig({ ...settings, outDir: staging });
  try {
    await asProduction(() => build({ ...config, configFile: false, logLevel: settings.logLevel }));
    await writeFile(join(staging, FINGERPRINT_FILE), fingerprint);
    await rm(settings.outDir, { recursive: true, force: true });
    await rename(staging, settings.outDir);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
  return 'built';
}

/**
 * The loyalty app as the stack and the tests run it: built with Vite when the bundle is missing
 * or older than the sources, then served by Vite's preview server with `/trpc` proxied to the
 * loyalty service, the production headers, and `/readyz`.
 */
export async function startLoyaltyApp(options: LoyaltyAppOptions): Promise<RunningLoyaltyApp> {
  const settings: BuildSettings = {
    loyaltyUrl: options.loyaltyUrl,
    tenantId: options.tenantId ?? DEFAULT_TENANT_ID,
    outDir: resolve(APP_ROOT, options.outDir ?? 'dist'),
    logLevel: options.logLevel ?? 'warn',
  };
  const host = options.host ?? '127.0.0.1';
  const built = builds.then(() => ensureBuilt(settings, options.build === true));
  builds = built.catch(() => undefined);
  const outcome = await built;
  const config = loyaltyAppViteConfig(settings);
  const server = await preview({
    ...config,
    configFile: false,
    logLevel: settings.logLevel,
    preview: { ...config.preview, port: options.port ?? 0, host, strictPort: true, open: false },
  });
  const address = server.httpServer.address() as AddressInfo | null;
  if (!address) throw new Error('the preview server is not listening');
  const shownHost = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shownHost}:${address.port}`, build: outcome, close: () => server.close() };
}
