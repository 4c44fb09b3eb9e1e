/**
 * `pnpm bench [-- --quick] [--stored-sales N] …`: starts the stack, measures the raw ceiling,
 * ingest, the pipeline, the other paths and the work per sale, prints them beside issue 13's
 * targets and writes docs/performance.md and docs/performance.json. `--help` lists the options.
 */
import { readFile, writeFile } from 'node:fs/promises';
import * as prettier from 'prettier';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { dropOutputToClosedPipes } from '@scontrino/stack';
import { parseBenchOptions, UsageError, USAGE } from './options.js';
import { createProgress } from './progress.js';
import { formatJson, formatMarkdown, formatTable, type Report, withHandWritten } from './report-format.js';
import type { BenchResults } from './results.js';
import { runBench } from './run-bench.js';
import { evaluateTargets } from './targets.js';

const docsDir = fileURLToPath(new URL('../../../docs/', import.meta.url));

/** The same bench on an empty database, from an earlier run's performance.json, when it is comparable. */
async function readBaseline(outDir: string, run: BenchResults): Promise<BenchResults | undefined> {
  const text = await readFile(join(outDir, 'performance.json'), 'utf8').catch(() => null);
  if (text === null) return undefined;
  const earlier = JSON.parse(text) as BenchResults;
  // Runs before the built services were measured ran them under tsx.
  const servicesFrom = earlier.settings.servicesFrom ?? 'source';
  return earlier.storedSales === 0 && earlier.mode === run.mode && servicesFrom === run.settings.servicesFrom
    ? earlier
    : undefined;
}

async function main(): Promise<number> {
  // `pnpm bench | tee log`, then Ctrl-C: the bench still stops its stack when tee is gone.
  dropOutputToClosedPipes();
  let options;
  try {
    options = parseBenchOptions(process.argv.slice(2), docsDir);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`${error.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (options === null) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }

  const started = Date.now();
  const progress = createProgress();
  const bench = runBench(options, progress);
  const interrupted = new Promise<'interrupted'>((resolve) => {
    for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => resolve('interrupted'));
  });
  let run: BenchResults;
  try {
    const outcome = await Promise.race([bench.results, interrupted]);
    if (outcome === 'interrupted') {
      progress.stop();
      process.stderr.write('interrupted: stopping the stack\n');
      await bench.stop();
      return 130;
    }
    run = outcome;
  } catch (error) {
    progress.stop();
    process.stderr.write(
      `the bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    await bench.stop();
    return 1;
  }
  progress.stop();

  const baseline =
    options.outDir && run.storedSales > 0 ? await readBaseline(options.outDir, run) : undefined;
  const report: Report = { run, targets: evaluateTargets(run, baseline), ...(baseline && { baseline }) };
  const minutes = (Date.now() - started) / 60_000;
  process.stdout.write(`\n${formatTable(report)}\n\nthe bench took ${minutes.toFixed(1)} minutes\n`);
  if (options.outDir) {
    const name = run.storedSales > 0 ? 'performance-stored-sales' : 'performance';
    const page = join(options.outDir, `${name}.md`);
    const previous = await readFile(page, 'utf8').catch(() => null);
    await writeFormatted(page, withHandWritten(formatMarkdown(report), previous));
    await writeFormatted(join(options.outDir, `${name}.json`), formatJson(report));
    process.stdout.write(`\nwritten: ${join(options.outDir, `${name}.md`)} and ${name}.json\n`);
  }
  return 0;
}

/** Writes `text` as the repository's Prettier settings format it, so `prettier --check` passes on it. */
async function writeFormatted(path: string, text: string): Promise<void> {
  const config = await prettier.resolveConfig(path);
  await writeFile(path, await prettier.format(text, { ...config, filepath: path }));
}

process.exitCode = await main();
// Keep-alive sockets and the stack's timers must not keep a finished bench around.
process.exit();
