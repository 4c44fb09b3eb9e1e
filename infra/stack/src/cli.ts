/**
 * `pnpm stack [--infra-only] [--watch | --built] [--keep] [--no-demo] [--state-dir DIR]`: runs the local stack
 * until Ctrl-C, seeded with demo data unless `--no-demo` (or `--infra-only`);
 * `--watch` restarts a service when its source changes; `--built` runs each service's tsup build
 * (`dist/start.js`, what the images run) instead of its source under tsx.
 * `pnpm stack prepare`: builds or checks what the stack needs, then exits.
 */
import { mkdir, rm } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { stopAllChildren } from './child-process.js';
import { seedDemoData } from './demo.js';
import { consoleLogger, dropOutputToClosedPipes, isLogLevel } from './logger.js';
import { repoRoot } from './paths.js';
import { temporaryDatabaseName } from './postgresql.js';
import { prepare } from './prepare.js';
import { describeStack, removeStackFile, stackFilePath, writeStackFile } from './stack-file.js';
import { startStack, type Stack } from './stack.js';
import { STAFF_ISSUER_KEY_FILE } from './staff-tokens.js';
import { formatSummary } from './summary.js';

// `npm start 2>&1 | tee log`, then Ctrl-C: tee is gone before the launcher has cleaned up.
dropOutputToClosedPipes();
const logLevel = process.env.LOG_LEVEL;
const logger = consoleLogger(isLogLevel(logLevel) ? logLevel : 'info');

/** A signal this long after the first stops the launcher at once (a shutdown that hangs). */
const FORCE_AFTER_MS = 3_000;

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function parseCommandLine() {
  try {
    return parseArgs({
      allowPositionals: true,
      options: {
        'infra-only': { type: 'boolean', default: false },
        keep: { type: 'boolean', default: false },
        watch: { type: 'boolean', default: false },
        built: { type: 'boolean', default: false },
        'no-demo': { type: 'boolean', default: false },
        // Where stack.json and the run directories go; tests point it at a temp dir.
        'state-dir': { type: 'string', default: process.env.SCONTRINO_STACK_DIR ?? join(repoRoot, '.stack') },
      },
    });
  } catch (error) {
    logger.error(
      `${errorMessage(error)}\nusage: stack [prepare] [--infra-only] [--watch | --built] [--keep] [--no-demo] [--state-dir DIR]`,
    );
    process.exit(2);
  }
}

const { values, positionals } = parseCommandLine();
if (values.watch && values.built) {
  logger.error('--watch runs the sources and --built the builds: give one of them');
  process.exit(2);
}

async function run(): Promise<number> {
  const stateDir = resolve(values['state-dir']);
  const runDir = join(stateDir, `run-${new Date().toISOString().replace(/[:.]/g, '-')}`);
  await mkdir(runDir, { recursive: true });

  // Listening before anything starts means Ctrl-C during a slow start still cleans up.
  const signalled = new Promise<NodeJS.Signals>((resolveSignal) => {
    let first: number | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      first ??= Date.now();
      // A terminal's Ctrl-C arrives twice (from the terminal and relayed by tsx, which kills a
      // child that no longer listens): the listeners stay, and only a later signal forces an exit.
      if (Date.now() - first > FORCE_AFTER_MS) {
        logger.warn(`${signal} again: exiting without cleaning up`);
        process.exit(130);
      }
      resolveSignal(signal);
    };
    for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, onSignal);
  });
  const cleanUp = async () => {
    await removeStackFile(stateDir);
    if (!values.keep) await rm(runDir, { recursive: true, force: true });
  };

  const starting = startStack({
    withServices: !values['infra-only'],
    dataDir: runDir,
    logger,
    // The services log each request at info: a console full of them hides the summary.
    logLevel: logLevel ?? 'warn',
    watch: values.watch,
    built: values.built,
    // Beside stack.json, not in the run directory: the staff tokens handed out survive restarts.
    staffIssuerKeyFile: join(stateDir, STAFF_ISSUER_KEY_FILE),
    // FerretDB in a PostgreSQL database of this run: dropped at stop, unless --keep.
    postgresql: { database: temporaryDatabaseName('stack'), keep: values.keep },
  });
  // Once a signal interrupts the start, its failure is expected and must not crash the shutdown.
  starting.catch(() => {});
  let stack: Stack;
  try {
    const started = await Promise.race([starting, signalled]);
    if (typeof started === 'string') {
      logger.info(`${started} while starting; stopping`);
      await stopAllChildren();
      await cleanUp();
      return 0;
    }
    stack = started;
  } catch (error) {
    logger.error(`the stack did not start: ${errorMessage(error)}`);
    await cleanUp();
    return 1;
  }

  const description = describeStack(stack, runDir);
  await writeStackFile(stateDir, description);
  process.stdout.write(formatSummary(description, stackFilePath(stateDir)));
  if (!values['no-demo'] && !values['infra-only']) {
    const interrupt = new AbortController();
    const seeded = await Promise.race([seedDemoData(stackFilePath(stateDir), interrupt.signal), signalled]);
    if (typeof seeded === 'number') {
      if (seeded !== 0) logger.warn('the demo data is incomplete (see above); the stack runs on');
      process.stdout.write('\nPress Ctrl-C to stop.\n');
    } else interrupt.abort();
  }

  logger.info(`${await signalled}: stopping`);
  await stack.stop();
  await cleanUp();
  logger.info(values.keep ? `stopped; files kept in ${runDir}, the database in PostgreSQL` : 'stopped');
  return 0;
}

async function main(): Promise<number> {
  const [command] = positionals;
  if (command === undefined) return run();
  if (command === 'prepare') {
    try {
      await prepare(logger);
      return 0;
    } catch (error) {
      logger.error(errorMessage(error));
      return 1;
    }
  }
  logger.error(`unknown command "${command}"; expected "prepare" or nothing`);
  return 2;
}

process.exitCode = await main();
// Stray handles (keep-alive sockets, timers) must not keep a stopped launcher around.
process.exit();
