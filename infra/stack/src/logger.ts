/**
 * The little logging surface the launcher needs. A pino logger satisfies it, so services and
 * tests can pass theirs; the launcher itself uses the console-backed one below.
 */
export interface Logger {
  debug(msg: string): void;
  info(msg: string): void;
  warn(msg: string): void;
  error(msg: string): void;
}

export type LogLevel = keyof Logger;

const severity: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

export function isLogLevel(value: string | undefined): value is LogLevel {
  return value !== undefined && value in severity;
}

/** Writes lines at or above `level` to stderr, keeping stdout free for what a command prints. */
export function consoleLogger(level: LogLevel = 'info'): Logger {
  const write = (at: LogLevel) => (msg: string) => {
    if (severity[at] >= severity[level]) process.stderr.write(`${at.padEnd(5)} ${msg}\n`);
  };
  return { debug: write('debug'), info: write('info'), warn: write('warn'), error: write('error') };
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

/**
 * Keeps the process going when the reader of its stdout or stderr goes away. `npm start 2>&1 |
 * tee log` stopped with Ctrl-C ends tee at once; the launcher's next line ("SIGINT: stopping")
 * then met a closed pipe (EPIPE), an error nobody handled, and the launcher died before it removed
 * stack.json, its run directory and its PostgreSQL database. From the first EPIPE on, what would
 * have gone to that stream is dropped; any other error of the streams stays fatal.
 */
export function dropOutputToClosedPipes(): void {
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code === 'EPIPE' || error.code === 'ERR_STREAM_DESTROYED') return;
      throw error;
    });
  }
}
