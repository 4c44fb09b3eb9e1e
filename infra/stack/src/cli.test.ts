import { execFileSync, spawn } from 'node:child_process';
import { once } from 'node:events';
import { access, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureFerretdbBinary } from './ferretdb.js';
import { postgresqlServerUrl } from './postgresql.js';
import type { StackDescription } from './stack-file.js';
import { isAlive, scratchDir } from './test-support.js';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** The CLI as a developer runs it, minus an external database or Redis from the environment. */
function launch(args: string[]) {
  const env = { ...process.env };
  delete env.MONGODB_URI;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], { cwd: packageDir, env });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, exited, output: () => ({ stdout, stderr }) };
}

/**
 * `npm start 2>&1 | tee log`, then Ctrl-C: the CLI's stdout and stderr go into a pipe to another
 * process, which the Ctrl-C ends before the CLI has stopped. Here that reader (sed) quits as soon
 * as the stack is up, and the CLI gets its SIGINT afterwards.
 */
function launchIntoPipe(args: string[]) {
  const reader = spawn('sed', ['-u', '/Press Ctrl-C to stop\\./q'], { stdio: ['pipe', 'pipe', 'ignore'] });
  const env = { ...process.env };
  delete env.MONGODB_URI;
  delete env.REDIS_URL;
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: packageDir,
    env,
    stdio: ['ignore', reader.stdin, reader.stdin],
  });
  // The CLI holds its own copy of the pipe's write end; the reader must be its only reader.
  reader.stdin.destroy();
  let read = '';
  reader.stdout.on('data', (chunk: Buffer) => (read += chunk.toString()));
  return {
    child,
    exited: once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>,
    readerExited: once(reader, 'exit'),
    read: () => read,
  };
}

/** The databases on the PostgreSQL server the stack uses. */
const postgresqlDatabases = (): string[] =>
  execFileSync(
    'psql',
    [
      postgresqlServerUrl(),
      '--no-psqlrc',
      '--tuples-only',
      '--no-align',
      '--command',
      'SELECT datname FROM pg_database',
    ],
    { encoding: 'utf8' },
  )
    .split('\n')
    .map((line) => line.trim());

async function waitFor(condition: () => boolean, what: string, describeState: () => string): Promise<void> {
  for (let waited = 0; !condition(); waited += 100) {
    if (waited > 120_000) throw new Error(`${what} did not happen:\n${describeState()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('stack CLI', () => {
  let stateDir: Awaited<ReturnType<typeof scratchDir>>;

  beforeAll(async () => {
    stateDir = await scratchDir('cli');
    // Built here so the CLI's own start is not a first-time build.
    await ensureFerretdbBinary();
  });

  afterAll(async () => {
    await stateDir.remove();
  });

  it('when run with --infra-only, then it prints the URLs, writes stack.json, and on SIGTERM exits 0 leaving no process behind', async () => {
    const cli = launch(['--infra-only', '--state-dir', stateDir.path]);
    let exited = false;
    void cli.exited.then(() => (exited = true));
    await waitFor(
      () => exited || cli.output().stdout.includes('Press Ctrl-C to stop.'),
      'the stack start',
      () => JSON.stringify(cli.output(), null, 2),
    );
    expect(exited).toBe(false);

    const stackFile = join(stateDir.path, 'stack.json');
    const stack = JSON.parse(await readFile(stackFile, 'utf8')) as StackDescription;
    const { stdout } = cli.output();
    for (const url of [
      stack.database.uri,
      stack.redis.url,
      stack.mail.viewerUrl,
      `${stack.mail.smtpHost}:${stack.mail.smtpPort}`,
    ]) {
      expect(stdout).toContain(url);
    }
    expect(stack).toMatchObject({ redis: { kind: 'redis-server' }, services: {} });
    // On a local PostgreSQL when there is one (the launcher's choice), else on SQLite files.
    expect(['ferretdb', 'ferretdb-postgresql']).toContain(stack.database.kind);
    expect(stack.credentials.serviceToken).toMatch(/^dev_/);
    expect(stack.credentials.metricsToken).toMatch(/^dev_metrics_.{32}/);
    expect(stdout).toContain(stack.credentials.metricsToken);
    const pids = [stack.database.pid, stack.redis.pid].filter((pid) => pid !== undefined);
    expect(pids).toHaveLength(2);
    expect(pids.every(isAlive)).toBe(true);
    expect((await fetch(stack.mail.apiUrl)).status).toBe(200);

    cli.child.kill('SIGTERM');
    expect(await cli.exited).toEqual([0, null]);
    expect(pids.filter(isAlive)).toEqual([]);
    await expect(access(stackFile)).rejects.toThrow();
    expect(await readdir(stateDir.path)).toEqual([]);
  });

  it('when Ctrl-C arrives twice at once (from the terminal and relayed by tsx), then it still cleans up and exits 0', async () => {
    const cli = launch(['--infra-only', '--state-dir', stateDir.path]);
    await waitFor(
      () => cli.output().stdout.includes('Press Ctrl-C to stop.'),
      'the stack start',
      () => JSON.stringify(cli.output(), null, 2),
    );
    const stack = JSON.parse(await readFile(join(stateDir.path, 'stack.json'), 'utf8')) as StackDescription;
    cli.child.kill('SIGINT');
    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual([0, null]);
    expect([stack.database.pid, stack.redis.pid].filter((pid) => pid !== undefined && isAlive(pid))).toEqual(
      [],
    );
    expect(await readdir(stateDir.path)).toEqual([]);
  });

  it('when the reader of its output has gone before Ctrl-C (`npm start 2>&1 | tee log`), then it still stops everything and removes its files and database', async () => {
    const cli = launchIntoPipe(['--infra-only', '--state-dir', stateDir.path]);
    await waitFor(
      () => cli.read().includes('Press Ctrl-C to stop.'),
      'the stack start',
      () => cli.read(),
    );
    await cli.readerExited;
    const stack = JSON.parse(await readFile(join(stateDir.path, 'stack.json'), 'utf8')) as StackDescription;
    if (stack.database.kind === 'ferretdb-postgresql') {
      expect(stack.database.postgresql).toMatch(/^scontrino_stack_/);
      expect(postgresqlDatabases()).toContain(stack.database.postgresql);
    }

    cli.child.kill('SIGINT');
    expect(await cli.exited).toEqual([0, null]);
    expect([stack.database.pid, stack.redis.pid].filter((pid) => pid !== undefined && isAlive(pid))).toEqual(
      [],
    );
    expect(await readdir(stateDir.path)).toEqual([]);
    if (stack.database.postgresql) expect(postgresqlDatabases()).not.toContain(stack.database.postgresql);
  });

  it('when asked to prepare, then it checks the toolchain and exits 0', async () => {
    const cli = launch(['prepare']);
    const [code] = await cli.exited;
    expect(cli.output().stderr).toContain('FerretDB binary:');
    expect(code).toBe(0);
  });
});
