#!/usr/bin/env tsx
import { fileURLToPath } from 'node:url';
import { createProgress } from './cli/progress.js';
import { parseCliOptions, usage, UsageError } from './cli/options.js';
import { resolveTargets } from './cli/targets.js';
import { invocationDirectory } from './env.js';
import { formatReport } from './run/format-report.js';
import { simulate } from './simulate.js';

/** The monorepo root, from this file: pnpm runs the script in the package directory. */
const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

async function main(argv: readonly string[]): Promise<number> {
  let cli;
  try {
    cli = parseCliOptions(argv, { invocationDir: invocationDirectory(), repoRoot });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    console.error(`${error.message}\n\n${usage}`);
    return 2;
  }
  if (cli === null) {
    console.log(usage);
    return 0;
  }
  const targets = await resolveTargets(cli);
  const planned = Math.min(
    cli.count ?? Infinity,
    Math.ceil((cli.rate * (cli.durationMs ?? Infinity)) / 1000),
  );
  const progress = cli.progress ? createProgress(planned) : null;

  // Ctrl-C stops the schedule; arrivals in flight finish and the report still prints.
  const stop = new AbortController();
  process.once('SIGINT', () => stop.abort());

  progress?.start();
  let report;
  try {
    report = await simulate({
      ...targets,
      rate: cli.rate,
      ...(cli.count !== undefined && { count: cli.count }),
      ...(cli.durationMs !== undefined && { durationMs: cli.durationMs }),
      ...(cli.seed !== undefined && { seed: cli.seed }),
      ...(cli.runId !== undefined && { runId: cli.runId }),
      ...(cli.storeId !== undefined && { storeId: cli.storeId }),
      ...(cli.tenantId !== undefined && { tenantId: cli.tenantId }),
      ...(cli.membersPerBrand !== undefined && { membersPerBrand: cli.membersPerBrand }),
      ...(cli.maxInFlight !== undefined && { maxInFlight: cli.maxInFlight }),
      ...(cli.timeoutMs !== undefined && { timeoutMs: cli.timeoutMs }),
      ...(cli.claimLimit !== undefined && { claimLimit: { limit: cli.claimLimit, windowMs: 15 * 60_000 } }),
      ...(cli.pointsEvery !== undefined && { pointsEvery: cli.pointsEvery }),
      signal: stop.signal,
      ...(progress && { onRequest: progress.onRequest, onArrivalEnd: progress.onArrivalEnd }),
    });
  } finally {
    progress?.stop();
  }
  console.log(cli.json ? JSON.stringify(report, null, 2) : formatReport(report));
  return report.unexpectedFailures === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
