import { createHash, randomBytes } from 'node:crypto';
import { access, constants, mkdir, readFile, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { spawnChild } from './child-process.js';
import { silentLogger, type Logger } from './logger.js';
import { repoRoot } from './paths.js';
import { restartableChild, type RestartableServer } from './server.js';
import { findOnPath } from './which.js';

const sourceDir = join(repoRoot, 'infra', 'ferretdb');
const sourceFiles = ['go.mod', 'go.sum', 'main.go'];
const READY_TIMEOUT_MS = 30_000;

function cacheDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'scontrino');
}

/** The binary's name changes with its sources, so an edit to main.go or a version bump rebuilds it. */
async function binaryPath(): Promise<string> {
  const hash = createHash('sha256');
  for (const file of sourceFiles) hash.update(await readFile(join(sourceDir, file)));
  return join(cacheDir(), `ferretdb-${hash.digest('hex').slice(0, 12)}`);
}

async function isExecutable(path: string): Promise<boolean> {
  return access(path, constants.X_OK).then(
    () => true,
    () => false,
  );
}

/**
 * Returns the path of the FerretDB binary built from infra/ferretdb, building it on first use
 * (about 1.5 minutes with a cold Go cache) and caching it under $XDG_CACHE_HOME/scontrino.
 * Concurrent callers may both build; the last rename wins with an identical binary.
 */
export async function ensureFerretdbBinary(opts: { logger?: Logger } = {}): Promise<string> {
  const logger = opts.logger ?? silentLogger;
  const binary = await binaryPath();
  if (await isExecutable(binary)) return binary;

  if (!findOnPath('go')) {
    throw new Error(
      'The local database is FerretDB built from infra/ferretdb, but `go` (1.24 or newer) is not on PATH. ' +
        'Install Go (https://go.dev/dl/), or put `mongod` on PATH, or set MONGODB_URI to a running MongoDB.',
    );
  }
  await mkdir(cacheDir(), { recursive: true });
  // A private temp file per build; the rename is atomic, so concurrent builds never expose a partial binary.
  const temp = `${binary}.tmp-${process.pid}-${randomBytes(4).toString('hex')}`;
  logger.info(
    `building FerretDB into ${binary} (once per machine; up to a few minutes with a cold Go cache)`,
  );
  const build = await spawnChild({
    name: 'go build',
    command: 'go',
    args: ['build', '-o', temp, '.'],
    cwd: sourceDir,
    logger,
    expectExit: true,
  });
  const { code, signal } = await build.exited;
  if (code !== 0) {
    await rm(temp, { force: true });
    throw new Error(
      `go build of infra/ferretdb failed (code ${code}, signal ${signal}):\n${build.recentOutput()}`,
    );
  }
  await rename(temp, binary);
  logger.info('FerretDB built');
  return binary;
}

/**
 * Runs FerretDB on SQLite files in `dataDir`, or with `postgresqlUrl` in that PostgreSQL
 * database; its url has no database name.
 */
export function startFerretdb(opts: {
  binary: string;
  dataDir: string;
  postgresqlUrl?: string;
  logger?: Logger;
}): Promise<RestartableServer> {
  const logger = opts.logger ?? silentLogger;
  return restartableChild(async (port = 0) => {
    const child = await spawnChild({
      name: 'ferretdb',
      command: opts.binary,
      args: [
        ...(opts.postgresqlUrl ? ['-postgresql-url', opts.postgresqlUrl] : ['-data-dir', opts.dataDir]),
        '-listen',
        `127.0.0.1:${port}`,
      ],
      logger,
    });
    try {
      // The binary prints the real address once it accepts connections, so port 0 never races.
      const [, uri = ''] = await child.waitForLine(/^ready (mongodb:\/\/\S+?)\/?$/, READY_TIMEOUT_MS);
      return { child, url: uri, port: Number(new URL(uri).port) };
    } catch (error) {
      await child.stop();
      throw error;
    }
  });
}
