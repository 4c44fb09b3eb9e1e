#!/usr/bin/env node
// The two README commands end here: `npm start` and `npm test` on a fresh machine.
// Plain JavaScript with no dependencies, because it runs before anything is installed:
// it brings pnpm, the workspace's packages, redis-server, PostgreSQL and the local database build,
// then starts the stack or runs every check. Each step is skipped when already done.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const [command = 'start', ...rest] = process.argv.slice(2);
if (command !== 'start' && command !== 'test') {
  console.error('usage: node infra/bootstrap.mjs start|test [args…]');
  process.exit(2);
}
// Every child inherits it: turbo would greet a fresh machine's first `npm test` with its telemetry
// notice (and report usage) unless told otherwise.
process.env.TURBO_TELEMETRY_DISABLED ??= '1';
const pnpmVersion = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];

function run(cmd, args, options = {}) {
  const result = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, ...options });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function must(cmd, args, options) {
  const status = run(cmd, args, options);
  if (status !== 0) {
    console.error(`\n✖ ${cmd} ${args.join(' ')} exited with ${status}`);
    process.exit(status);
  }
}

function output(cmd, args) {
  const result = spawnSync(cmd, args, { encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : null;
}

const onPath = (name) => output('sh', ['-c', `command -v ${name}`]) !== null;

/** pnpm of the version in package.json: the one on PATH, else installed globally, else under ~/.cache. */
function ensurePnpm() {
  if (output('pnpm', ['--version']) === pnpmVersion) return 'pnpm';
  const local = join(homedir(), '.cache', 'scontrino', `pnpm-${pnpmVersion}`);
  const localBin = join(local, 'node_modules', '.bin', 'pnpm');
  if (existsSync(localBin)) return localBin;
  console.log(`• installing pnpm ${pnpmVersion}`);
  // corepack's bundled signing keys are out of date on Node 20 (it refuses pnpm 10), so use npm.
  if (
    run('npm', ['install', '--global', '--no-fund', '--no-audit', `pnpm@${pnpmVersion}`]) === 0 &&
    output('pnpm', ['--version']) === pnpmVersion
  ) {
    return 'pnpm';
  }
  must('npm', ['install', '--prefix', local, '--no-fund', '--no-audit', `pnpm@${pnpmVersion}`]);
  return localBin;
}

/** Debian packages the project runs: apt-get them only when their command is missing. */
function ensureDebianPackages(packages) {
  const missing = packages.filter(({ command }) => !onPath(command)).map(({ name }) => name);
  if (missing.length === 0) return;
  console.log(`• installing ${missing.join(', ')} (apt-get)`);
  const asRoot = process.getuid?.() === 0;
  const apt = (...args) =>
    must(asRoot ? 'apt-get' : 'sudo', asRoot ? args : ['apt-get', ...args], {
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
  apt('update', '-qq');
  apt('install', '-y', '-qq', '--no-install-recommends', ...missing);
}

const pnpm = ensurePnpm();
must(pnpm, ['install', '--frozen-lockfile', '--prefer-offline']);
const ownDatabase = !process.env.MONGODB_URI && !onPath('mongod');
ensureDebianPackages([
  // Redis for the queues, unless one is given by URL.
  ...(process.env.REDIS_URL ? [] : [{ name: 'redis-server', command: 'redis-server' }]),
  // PostgreSQL under the local database (FerretDB), unless a MongoDB is given.
  ...(ownDatabase && !process.env.SCONTRINO_POSTGRESQL_URL ? [{ name: 'postgresql', command: 'psql' }] : []),
  // Tests look at receipt pages in a real browser; nothing may download its own.
  ...(command === 'test' ? [{ name: 'chromium', command: 'chromium' }] : []),
]);
/**
 * Starts the machine's PostgreSQL clusters that are installed but down (a fresh install in a
 * container without systemd starts none). Without one, the launcher falls back to SQLite files.
 */
function ensurePostgresqlRunning() {
  if (!ownDatabase || process.env.SCONTRINO_POSTGRESQL_URL || !onPath('pg_lsclusters')) return;
  const clusters = (output('pg_lsclusters', ['--no-header']) ?? '').split('\n').filter(Boolean);
  for (const line of clusters) {
    const [version, name, , status] = line.trim().split(/\s+/);
    if (status !== 'down') continue;
    console.log(`• starting PostgreSQL ${version}/${name}`);
    run('pg_ctlcluster', ['--skip-systemctl-redirect', version, name, 'start']);
  }
}

ensurePostgresqlRunning();
// The launcher runs in node with tsx's loader, neither under `pnpm run` nor the tsx CLI: a Ctrl-C
// reaches it once, from the terminal, instead of also relayed by a wrapper (the tsx CLI kills a
// child that is slow to acknowledge the relayed signal, mid clean-up).
const stackDir = join(root, 'infra', 'stack');
const tsxLoader = pathToFileURL(createRequire(join(stackDir, 'package.json')).resolve('tsx')).href;
const launcher = [process.execPath, ['--import', tsxLoader, join(stackDir, 'src', 'cli.ts')]];
// Builds the local database (FerretDB) once per machine, unless MONGODB_URI or mongod is there.
must(launcher[0], [...launcher[1], 'prepare']);

const [cmd, args] =
  command === 'start' ? [launcher[0], [...launcher[1], ...rest]] : [pnpm, ['run', 'check', ...rest]];
const child = spawn(cmd, args, { stdio: 'inherit', cwd: root });
// Ctrl-C reaches the whole process group, the child included: wait for it to finish stopping.
process.on('SIGINT', () => undefined);
process.on('SIGTERM', () => child.kill('SIGTERM'));
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 0 : 1)));
