import { randomBytes } from 'node:crypto';
import { access, constants, mkdir, mkdtemp, rename, rm } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnChild } from './child-process.js';
import { silentLogger, type Logger } from './logger.js';
import { findOnPath } from './which.js';

/** The Toxiproxy release `pnpm chaos` runs: a TCP proxy whose links can be slowed, stalled or cut. */
export const TOXIPROXY_VERSION = 'v2.12.0';
const MODULE = `github.com/Shopify/toxiproxy/v2/cmd/server@${TOXIPROXY_VERSION}`;

function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'scontrino');
}

/** Where the binary lives once built: `${XDG_CACHE_HOME:-~/.cache}/scontrino/toxiproxy-<version>`. */
export const toxiproxyBinaryPath = (): string => join(cacheDir(), `toxiproxy-${TOXIPROXY_VERSION}`);

const isExecutable = (path: string) =>
  access(path, constants.X_OK).then(
    () => true,
    () => false,
  );

/**
 * The Toxiproxy server binary, built once per machine from the Go module proxy
 * (`go install …/cmd/server@v2.12.0`, about 20 s with a warm Go cache) into the cache directory
 * FerretDB's build uses. `prepare` builds it, so a chaos run or test finds it there.
 */
export async function ensureToxiproxyBinary(opts: { logger?: Logger } = {}): Promise<string> {
  const logger = opts.logger ?? silentLogger;
  const binary = toxiproxyBinaryPath();
  if (await isExecutable(binary)) return binary;
  if (!findOnPath('go')) {
    throw new Error(
      `pnpm chaos runs Toxiproxy ${TOXIPROXY_VERSION}, built with \`go install\`, but \`go\` (1.24 or newer) is not on PATH. Install Go (https://go.dev/dl/).`,
    );
  }
  await mkdir(cacheDir(), { recursive: true });
  const bin = await mkdtemp(join(tmpdir(), 'scontrino-toxiproxy-'));
  logger.info(`building Toxiproxy ${TOXIPROXY_VERSION} into ${binary} (once per machine)`);
  try {
    const build = await spawnChild({
      name: 'go install toxiproxy',
      command: 'go',
      args: ['install', MODULE],
      env: { ...process.env, GOBIN: bin },
      logger,
      expectExit: true,
    });
    const { code, signal } = await build.exited;
    if (code !== 0)
      throw new Error(
        `go install ${MODULE} failed (code ${code}, signal ${signal}):\n${build.recentOutput()}`,
      );
    // A private name, then an atomic rename: a concurrent build never exposes a partial binary.
    const temp = `${binary}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
    await rename(join(bin, 'server'), temp);
    await rename(temp, binary);
  } finally {
    await rm(bin, { recursive: true, force: true });
  }
  logger.info('Toxiproxy built');
  return binary;
}
