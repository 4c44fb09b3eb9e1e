import { MultiBar, Presets, type SingleBar } from 'cli-progress';

export interface Progress {
  /** A new phase of `total` units (seconds, sales, members): a bar on a terminal, a line otherwise. */
  phase(name: string, total: number, unit: string): void;
  /** How far the phase is, and a few words on what it sees (`412 accepted`). */
  update(done: number, detail?: string): void;
  /** A line of its own, above the bars. */
  log(line: string): void;
  stop(): void;
}

/** How often a plain (non-terminal) progress line may repeat within one phase. */
const PLAIN_EVERY_MS = 10_000;

/**
 * Progress on stderr, keeping stdout for the table: one bar per phase on a terminal (the finished
 * ones stay above, as a record of the run), plain lines in a log or CI.
 */
export function createProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  return stream.isTTY ? terminalProgress(stream) : plainProgress(stream);
}

function terminalProgress(stream: NodeJS.WriteStream): Progress {
  const bars = new MultiBar(
    {
      stream,
      format: ' {phase} {bar} {value}/{total} {unit} {detail}',
      barsize: 24,
      hideCursor: true,
      clearOnComplete: false,
      stopOnComplete: false,
      fps: 4,
      autopadding: true,
    },
    Presets.shades_classic,
  );
  let bar: SingleBar | undefined;
  let width = 0;
  return {
    phase(name, total, unit) {
      width = Math.max(width, name.length);
      bar = bars.create(Math.max(1, Math.round(total)), 0, { phase: name.padEnd(width), unit, detail: '' });
    },
    update(done, detail = '') {
      bar?.update(Math.round(done), { detail });
    },
    log(line) {
      bars.log(`${line}\n`);
    },
    stop() {
      bars.stop();
    },
  };
}

function plainProgress(stream: NodeJS.WriteStream): Progress {
  let current: { name: string; total: number; unit: string; lastAt: number } | undefined;
  const started = Date.now();
  const clock = () => {
    const seconds = Math.round((Date.now() - started) / 1000);
    return `${Math.floor(seconds / 60)}:${String(seconds % 60).padStart(2, '0')}`;
  };
  const write = (line: string) => stream.write(`bench ${clock()} ${line}\n`);
  return {
    phase(name, total, unit) {
      current = { name, total: Math.round(total), unit, lastAt: Date.now() };
      write(`${name} (${current.total} ${unit})`);
    },
    update(done, detail) {
      if (!current || Date.now() - current.lastAt < PLAIN_EVERY_MS) return;
      current.lastAt = Date.now();
      write(
        `${current.name}: ${Math.round(done)}/${current.total} ${current.unit}${detail ? `, ${detail}` : ''}`,
      );
    },
    log: write,
    stop() {},
  };
}
