import { describe, expect, it } from 'vitest';
import { sampleRun } from './fixtures.test-support.js';
import { evaluateTargets } from './targets.js';

const outcome = (figure: string, run = sampleRun(), baseline?: ReturnType<typeof sampleRun>) =>
  evaluateTargets(run, baseline).filter((target) => target.figure === figure);

describe('issue 13 targets', () => {
  it('when a floor is missed, then the status says how far short, in the figure and as a share of the target', () => {
    expect(outcome('reconciliationObservationsPerSec')).toEqual([
      {
        figure: 'reconciliationObservationsPerSec',
        target: '≥ 200 observations/s',
        met: false,
        status: '193 short (4 % of the target)',
      },
    ]);
  });

  it('when a ceiling is passed, then the status says by how many times', () => {
    expect(outcome('ingestP99Ms')[0]).toMatchObject({ met: false, status: '×3.2 the bound' });
    expect(outcome('dbCommandsPerSale.total')[0]).toMatchObject({ met: false, status: '×7.2 the bound' });
  });

  it('checks ingest against raw insertOne twice: half of it without group commit, above it with', () => {
    const run = sampleRun({ ingestPerSec: 700, rawInsertOnePerSec: 1000 });
    expect(outcome('ingestOfRaw', run).map(({ target, met }) => [target, met])).toEqual([
      ['≥ 50 % of raw insertOne (without group commit)', true],
      ['> 100 % of raw insertOne (with group commit)', false],
    ]);
  });

  it('when a figure was not measured, then its target is neither met nor missed', () => {
    expect(outcome('peakRssMb.reconciliation')[0]).toMatchObject({ met: null, status: 'not measured' });
    expect(outcome('pipelineOfIngest', sampleRun({ pipelineSustainedPerSec: null }))[0]).toMatchObject({
      met: null,
    });
  });

  it('a bound that is reached exactly counts as met where the target says "at most"', () => {
    expect(
      outcome(
        'receiptDbCommandsPerSaleDuringIngest',
        sampleRun({ receiptDbCommandsPerSaleDuringIngest: 1 }),
      )[0],
    ).toMatchObject({ met: true });
    expect(
      outcome(
        'peakRssMb.receipt',
        sampleRun({ peakRssMb: { receipt: 200, loyalty: 1, reconciliation: 1 } }),
      )[0],
    ).toMatchObject({ met: false });
  });

  it('with a baseline on an empty database, then the figures must stay within 20 % of it', () => {
    const baseline = sampleRun();
    const grown = sampleRun({ storedSales: 1_000_000, ingestPerSec: 36, ingestP99Ms: 330 });
    expect(outcome('ingestPerSec', grown, baseline).map(({ target, status }) => [target, status])).toEqual([
      ['1,000 sales/s (aim)', '964 short (4 % of the target)'],
      ['within 20 % of the empty database', '-25 % (bound ±20 %)'],
    ]);
    expect(outcome('ingestP99Ms', grown, baseline)[1]).toMatchObject({ met: true, status: 'met (+4 %)' });
    expect(outcome('ingestPerSec')).toHaveLength(1);
  });
});
