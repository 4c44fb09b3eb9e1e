import { spawn, type ChildProcess } from 'node:child_process';
import { constants } from 'node:os';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger, LogLevel } from './logger.js';

export interface ExitStatus {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface SpawnChildOptions {
  /** Prefix of its log lines and error messages, e.g. `redis`. */
  name: string;
  command: string;
  args: readonly string[];
  cwd?: string;
  env?: NodeJS.ProcessEnv;
  logger: Logger;
  /** Level at which its output is logged: debug by default, so tests stay quiet. */
  outputLevel?: LogLevel;
  /** A one-shot command (a build) ends by itself: no warning when it does. */
  expectExit?: boolean;
}

export interface ManagedChild {
  readonly name: string;
  readonly pid: number;
  /** Settles once the process is gone, whoever ended it. */
  readonly exited: Promise<ExitStatus>;
  /** Its last output lines (stdout and stderr interleaved), for error messages. */
  recentOutput(): string;
  /**
   * Resolves with the first output line, already printed or to come, matching `pattern`;
   * rejects when the child exits first or time runs out.
   */
  waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray>;
  /** Polls `probe` until it answers true; rejects when the child exits first or time runs out. */
  waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. Idempotent. */
  stop(graceMs?: number): Promise<void>;
  /** Sends `signal` at once (SIGKILL: the crash a fault test wants) and resolves once it has exited; expected, so not warned about. */
  kill(signal: NodeJS.Signals): Promise<void>;
}

const RECENT_LINES = 40;
const POLL_MS = 100;
const INTERRUPT_GRACE_MS = 3_000;
/** Every child still running, so none outlives the launcher. */
const live = new Map<ChildProcess, ManagedChild>();
let hooksInstalled = false;
/** Set on SIGINT/SIGTERM/SIGHUP: a Ctrl-C reaches the children too, so their exits are expected. */
let signalled = false;
/** When a SIGINT arrived: most likely a Ctrl-C, which the children received as well. */
let interruptedAt: number | undefined;

/** Children must not outlive the launcher, however it ends. */
function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.once('exit', () => {
    for (const child of live.keys()) child.kill('SIGKILL');
  });
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    // First in line, so a host's `once` listener is still counted when this one runs.
    process.prependListener(signal, () => {
      signalled = true;
      if (signal === 'SIGINT') interruptedAt ??= Date.now();
      // When the host (the CLI, vitest) also listens, it stops its children gracefully itself and
      // the exit hook is only the backstop; alone, behave like the default handler would.
      if (process.listenerCount(signal) > 1) return;
      process.exit(128 + constants.signals[signal]);
    });
  }
}

/** Spawns a long-running child tied to this process's lifetime and logs its output line by line. */
export async function spawnChild(options: SpawnChildOptions): Promise<ManagedChild> {
  const { name, logger, outputLevel = 'debug' } = options;
  installExitHooks();
  const child = spawn(options.command, options.args, {
    cwd: options.cwd,
    env: options.env,
    detached: false,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', (error) =>
      reject(new Error(`${name}: cannot start ${options.command}: ${error.message}`)),
    );
  });
  const { pid } = child;
  if (pid === undefined) throw new Error(`${name}: spawned without a pid`);

  const recent: string[] = [];
  const lineListeners = new Set<(line: string) => void>();
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream, crlfDelay: Infinity }).on('line', (line) => {
      recent.push(line);
      if (recent.length > RECENT_LINES) recent.shift();
      logger[outputLevel](`[${name}] ${line}`);
      for (const listener of lineListeners) listener(line);
    });
  }

  let stopping = false;
  let hasExited = false;
  const exited = new Promise<ExitStatus>((resolve) => {
    child.once('exit', (code, signal) => {
      hasExited = true;
      live.delete(child);
      if (!stopping && !signalled && !options.expectExit)
        logger.warn(`${name} exited unexpectedly (code ${code}, signal ${signal})`);
      // Let buffered output drain so errors show the last lines, without waiting on a
      // grandchild that might keep the pipes open.
      const done = () => resolve({ code, signal });
      const drain = setTimeout(done, 200);
      child.once('close', () => {
        clearTimeout(drain);
        done();
      });
    });
  });

  const recentOutput = () => recent.join('\n');
  const failure = (reason: string) =>
    new Error(
      `${name} ${reason}${recent.length > 0 ? `; its last output:\n${recentOutput()}` : ' (no output)'}`,
    );
  const exitFailure = exited.then((status) => {
    throw failure(`exited before it was ready (code ${status.code}, signal ${status.signal})`);
  });
  // Callers race against it; an unobserved copy must not become an unhandled rejection.
  exitFailure.catch(() => {});

  async function waitUntil(what: string, probe: () => Promise<boolean>, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const poll = async () => {
      // After an exit, exitFailure has already settled the race: just stop probing.
      while (!hasExited && !(await probe())) {
        if (Date.now() > deadline) throw failure(`was not ${what} after ${timeoutMs} ms`);
        await sleep(POLL_MS);
      }
    };
    await Promise.race([poll(), exitFailure]);
  }

  function waitForLine(pattern: RegExp, timeoutMs: number): Promise<RegExpExecArray> {
    let listener: ((line: string) => void) | undefined;
    let timer: NodeJS.Timeout | undefined;
    const matched = new Promise<RegExpExecArray>((resolve, reject) => {
      const printed = recent.map((line) => pattern.exec(line)).find((match) => match !== null);
      if (printed) {
        resolve(printed);
        return;
      }
      listener = (line) => {
        const match = pattern.exec(line);
        if (match) resolve(match);
      };
      lineListeners.add(listener);
      timer = setTimeout(
        () => reject(failure(`printed no line matching ${pattern} within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    return Promise.race([matched, exitFailure]).finally(() => {
      if (listener) lineListeners.delete(listener);
      clearTimeout(timer);
    });
  }

  let stopped: Promise<void> | undefined;
  function stop(graceMs = 10_000): Promise<void> {
    stopped ??= (async () => {
      stopping = true;
      // A child that got the Ctrl-C is already shutting down; another signal now would make a
      // service skip its graceful drain. So give it a moment, counted from the Ctrl-C.
      if (interruptedAt !== undefined) {
        await Promise.race([exited, sleep(Math.max(0, interruptedAt + INTERRUPT_GRACE_MS - Date.now()))]);
      }
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(kill);
    })();
    return stopped;
  }

  async function kill(signal: NodeJS.Signals): Promise<void> {
    stopping = true;
    child.kill(signal);
    await exited;
  }

  const managed: ManagedChild = { name, pid, exited, recentOutput, waitForLine, waitUntil, stop, kill };
  live.set(child, managed);
  return managed;
}

/** Stops every child still running, for a launcher interrupted before it knows what it started. */
export async function stopAllChildren(graceMs?: number): Promise<void> {
  await Promise.all([...live.values()].map((child) => child.stop(graceMs)));
}
