import { type BenchResults, SERVICE_NAMES } from './results.js';

/** One of issue 13's targets, checked against a run. */
export interface TargetOutcome {
  /** The figure it applies to (a key of the report's rows). */
  figure: string;
  /** The target in words: `≥ 50 % of raw insertOne`. */
  target: string;
  met: boolean | null;
  /** `met`, or how far off: `12.5 short (75 % of the target)`, `×2.1 the bound`; `not measured`. */
  status: string;
}

const number = (value: number) => value.toLocaleString('en-US', { maximumFractionDigits: 1 });

type Comparison = '≥' | '>' | '≤' | '<';

const holds: Record<Comparison, (value: number, bound: number) => boolean> = {
  '≥': (value, bound) => value >= bound,
  '>': (value, bound) => value > bound,
  '≤': (value, bound) => value <= bound,
  '<': (value, bound) => value < bound,
};

/** `value` against `bound`: met, or how far short of a floor or past a ceiling. */
function check(
  figure: string,
  target: string,
  value: number | null,
  comparison: Comparison,
  bound: number,
): TargetOutcome {
  if (value === null) return { figure, target, met: null, status: 'not measured' };
  if (holds[comparison](value, bound)) return { figure, target, met: true, status: 'met' };
  const status =
    comparison === '≥' || comparison === '>'
      ? `${number(bound - value)} short (${Math.round((value / bound) * 100)} % of the target)`
      : `×${(value / bound).toFixed(1)} the bound`;
  return { figure, target, met: false, status };
}

/** Within ±`share` of the baseline (the same figure on an empty database). */
function flat(figure: string, value: number | null, baseline: number | null, share: number): TargetOutcome {
  const target = `within ${share * 100} % of the empty database`;
  if (value === null || baseline === null || baseline === 0)
    return { figure, target, met: null, status: 'not measured' };
  const change = value / baseline - 1;
  const shown = `${change >= 0 ? '+' : ''}${Math.round(change * 100)} %`;
  return Math.abs(change) <= share
    ? { figure, target, met: true, status: `met (${shown})` }
    : { figure, target, met: false, status: `${shown} (bound ±${share * 100} %)` };
}

/** `part` as a percentage of `whole`. */
export const percentOf = (part: number | null, whole: number | null): number | null =>
  part === null || whole === null || whole === 0 ? null : (part / whole) * 100;

/**
 * Issue 13's targets for this machine, each with its distance. `baseline` is a run on an empty
 * database: given with a `--stored-sales` run, the figures must stay within 20 % of it.
 */
export function evaluateTargets(run: BenchResults, baseline?: BenchResults): TargetOutcome[] {
  const ingestOfRaw = percentOf(run.ingestPerSec, run.rawInsertOnePerSec);
  const pipelineOfIngest = percentOf(run.pipelineSustainedPerSec, run.ingestPerSec);
  const outcomes: TargetOutcome[] = [
    check('ingestOfRaw', '≥ 50 % of raw insertOne (without group commit)', ingestOfRaw, '≥', 50),
    check('ingestOfRaw', '> 100 % of raw insertOne (with group commit)', ingestOfRaw, '>', 100),
    check('ingestPerSec', '1,000 sales/s (aim)', run.ingestPerSec, '≥', 1000),
    check('ingestP99Ms', 'p99 < 100 ms', run.ingestP99Ms, '<', 100),
    check('pipelineOfIngest', '≥ 50 % of ingest', pipelineOfIngest, '≥', 50),
    check('pointsVisibleP95Ms', 'p95 < 500 ms', run.pointsVisibleP95Ms, '<', 500),
    check(
      'receiptDbCommandsPerSaleDuringIngest',
      '≤ 1 round trip at the till',
      run.receiptDbCommandsPerSaleDuringIngest,
      '≤',
      1,
    ),
    check('dbCommandsPerSale.total', '≤ 8 for the whole pipeline', run.dbCommandsPerSale.total, '≤', 8),
    check(
      'reconciliationObservationsPerSec',
      '≥ 200 observations/s',
      run.reconciliationObservationsPerSec,
      '≥',
      200,
    ),
    check('reencryptionDocsPerSec', '≥ 1,000 documents/s', run.reencryptionDocsPerSec, '≥', 1000),
    ...SERVICE_NAMES.map((service) =>
      check(`peakRssMb.${service}`, '< 200 MB', run.peakRssMb[service], '<', 200),
    ),
  ];
  if (baseline)
    outcomes.push(
      flat('ingestPerSec', run.ingestPerSec, baseline.ingestPerSec, 0.2),
      flat('ingestP99Ms', run.ingestP99Ms, baseline.ingestP99Ms, 0.2),
      flat('pipelineSustainedPerSec', run.pipelineSustainedPerSec, baseline.pipelineSustainedPerSec, 0.2),
      flat('pointsVisibleP95Ms', run.pointsVisibleP95Ms, baseline.pointsVisibleP95Ms, 0.2),
      flat('dbCommandsPerSale.total', run.dbCommandsPerSale.total, baseline.dbCommandsPerSale.total, 0.2),
    );
  return outcomes;
}
