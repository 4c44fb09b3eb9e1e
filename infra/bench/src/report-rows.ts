import { type BenchResults, SERVICE_NAMES } from './results.js';
import { percentOf, type TargetOutcome } from './targets.js';

/**
 * `comparable`: a ratio or a count of work, the same on any machine running the same code;
 * `absolute`: a rate, a latency or a size measured on this machine.
 */
export type FigureKind = 'comparable' | 'absolute';

export interface ReportRow {
  section: string;
  /** The figure's key, as targets name it. */
  figure: string;
  label: string;
  value: string;
  kind: FigureKind;
}

export const formatNumber = (value: number, digits = 0): string =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

const ms = (value: number | null) => (value === null ? '–' : formatNumber(value, value < 10 ? 1 : 0));
const rate = (value: number, unit: string) => `${formatNumber(value, value < 100 ? 1 : 0)} ${unit}/s`;
const percent = (value: number | null) =>
  value === null ? '–' : `${formatNumber(value, value < 10 ? 1 : 0)} %`;
const count = (value: number | null) => (value === null ? '–' : formatNumber(value, value < 100 ? 1 : 0));

/** The report's rows, in the order they are printed. */
export function reportRows(run: BenchResults): ReportRow[] {
  const { settings } = run;
  const rows: ReportRow[] = [];
  const add = (section: string, figure: string, label: string, value: string, kind: FigureKind) =>
    rows.push({ section, figure, label, value, kind });

  const raw = `Raw ceiling: plain driver, scratch database, ${settings.connections} connections`;
  add(
    raw,
    'rawInsertOnePerSec',
    'insertOne',
    `${rate(run.rawInsertOnePerSec, 'docs')} (p99 ${ms(run.rawInsertOneP99Ms)} ms)`,
    'absolute',
  );
  add(
    raw,
    'rawInsertManyPerSec',
    `insertMany of ${settings.insertManyBatch}`,
    rate(run.rawInsertManyPerSec, 'docs'),
    'absolute',
  );

  const ingest = `Ingest: POST /v1/transactions, ${settings.connections} connections, ${settings.ingestSeconds} s`;
  add(ingest, 'ingestPerSec', 'sales accepted (201)', rate(run.ingestPerSec, 'sales'), 'absolute');
  add(
    ingest,
    'ingestP99Ms',
    'latency p50 / p95 / p99',
    `${ms(run.ingestP50Ms)} / ${ms(run.ingestP95Ms)} / ${ms(run.ingestP99Ms)} ms`,
    'absolute',
  );
  add(
    ingest,
    'ingestNot201',
    'answers other than 201',
    `${formatNumber(run.ingestNot201)} of ${formatNumber(run.ingestAccepted + run.ingestNot201)}`,
    'absolute',
  );
  add(
    ingest,
    'ingestOfRaw',
    'ingest / raw insertOne',
    percent(percentOf(run.ingestPerSec, run.rawInsertOnePerSec)),
    'comparable',
  );

  const pipeline = `Pipeline: open-loop steps of ${settings.stepSeconds} s, every sale e-mailed, credited and linked`;
  const lowest = run.pipelineSteps[0]?.rate;
  add(
    pipeline,
    'pipelineSustainedPerSec',
    'sustained rate',
    run.pipelineSustainedPerSec !== null
      ? rate(run.pipelineSustainedPerSec, 'sales')
      : lowest !== undefined
        ? `below ${lowest} sales/s`
        : '–',
    'absolute',
  );
  add(
    pipeline,
    'pipelineOfIngest',
    'sustained / ingest',
    percent(percentOf(run.pipelineSustainedPerSec, run.ingestPerSec)),
    'comparable',
  );
  add(
    pipeline,
    'pointsVisibleP95Ms',
    `sale → points visible p50 / p95, at ${formatNumber(run.pointsVisibleAtPerSec, 1)} sales/s`,
    `${ms(run.pointsVisibleP50Ms)} / ${ms(run.pointsVisibleP95Ms)} ms (${run.pointsVisibleSeen} of ${run.pointsVisibleWatched} seen)`,
    'absolute',
  );

  const paths = 'Other paths';
  add(
    paths,
    'reconciliationObservationsPerSec',
    `reconciliation observations (API, ${settings.reconciliationSeconds} s)`,
    `${rate(run.reconciliationObservationsPerSec, 'obs')} (linked p95 ${ms(run.reconciliationLinkP95Ms)} ms)`,
    'absolute',
  );
  add(
    paths,
    'reencryptionDocsPerSec',
    `re-encryption (${formatNumber(settings.reencryptionMembers)} members)`,
    rate(run.reencryptionDocsPerSec, 'docs'),
    'absolute',
  );

  const work = `Work per sale: ${formatNumber(run.countedSales)} member card sales with an e-mail receipt, idle work subtracted`;
  add(
    work,
    'receiptDbCommandsPerSaleDuringIngest',
    'receipt database commands per sale, during the ingest burst',
    count(run.receiptDbCommandsPerSaleDuringIngest),
    'comparable',
  );
  for (const service of SERVICE_NAMES)
    add(
      work,
      `dbCommandsPerSale.${service}`,
      `database commands per sale: ${service}`,
      count(run.dbCommandsPerSale[service]),
      'comparable',
    );
  add(
    work,
    'dbCommandsPerSale.total',
    'database commands per sale: all services',
    count(run.dbCommandsPerSale.total),
    'comparable',
  );
  for (const service of SERVICE_NAMES)
    add(
      work,
      `redisCommandsPerSale.${service}`,
      `Redis commands per sale: ${service}`,
      count(run.redisCommandsPerSale[service]),
      'comparable',
    );
  add(
    work,
    'redisCommandsPerSale.total',
    'Redis commands per sale: all services',
    count(run.redisCommandsPerSale.total),
    'comparable',
  );
  add(
    work,
    'redisCommandsPerSale.server',
    'Redis commands per sale: server (INFO commandstats)',
    count(run.redisCommandsPerSale.server),
    'comparable',
  );
  add(
    work,
    'dbIdleCommandsPerSec',
    'idle database commands/s: receipt / loyalty / reconciliation',
    SERVICE_NAMES.map((service) => count(run.dbIdleCommandsPerSec[service])).join(' / '),
    'comparable',
  );

  const memory = 'Memory: peak resident set (VmHWM) of each service over the run';
  for (const service of SERVICE_NAMES) {
    const peak = run.peakRssMb[service];
    add(
      memory,
      `peakRssMb.${service}`,
      `peak RSS: ${service}`,
      peak === null ? '–' : `${formatNumber(peak)} MB`,
      'absolute',
    );
  }
  return rows;
}

/** The targets of a row, in the order issue 13 lists them. */
export function targetsOf(row: ReportRow, targets: readonly TargetOutcome[]): TargetOutcome[] {
  return targets.filter((target) => target.figure === row.figure);
}
