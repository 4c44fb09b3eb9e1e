import { describe, expect, it } from 'vitest';
import { judgeStep, rateLadder, type StepMeasurement, sustainedRate } from './rate-steps.js';

describe('rateLadder', () => {
  it('doubles from the first rate up to the cap', () => {
    expect(rateLadder({ first: 5, factor: 2, max: 45 })).toEqual([5, 10, 20, 40]);
  });

  it('with a small factor, then rates are whole and always climb', () => {
    expect(rateLadder({ first: 2, factor: 1.2, max: 6 })).toEqual([2, 3, 4, 5, 6]);
    expect(rateLadder({ first: 5, factor: 1.5, max: 30 })).toEqual([5, 8, 12, 18, 27]);
  });

  it('is empty when the cap is under the first rate', () => {
    expect(rateLadder({ first: 5, factor: 2, max: 4 })).toEqual([]);
  });
});

const kept: StepMeasurement = {
  rate: 10,
  seconds: 10,
  sent: 100,
  accepted: 100,
  backlogAtEnd: 12,
  peakBacklog: 15,
  drainMs: 1_800,
  emailed: 100,
  checked: 100,
  credited: 100,
  linked: 100,
};
const bounds = { backlogSeconds: 3 };

describe('judgeStep', () => {
  it('when every sale went through and the backlog stayed within bounds, then the step is sustained', () => {
    expect(judgeStep(kept, bounds)).toEqual({ passed: true, reasons: [] });
  });

  it('when the backlog at the end holds more than the bound of arrivals, then the pipeline fell behind', () => {
    expect(judgeStep({ ...kept, backlogAtEnd: 31 }, bounds)).toEqual({
      passed: false,
      reasons: ["backlog 31 at the step's end (bound 30)"],
    });
  });

  it('when sales were refused, never drained, or not carried through, then each reason is named', () => {
    const verdict = judgeStep(
      { ...kept, accepted: 98, drainMs: null, emailed: 90, checked: 98, credited: 98, linked: 97 },
      bounds,
    );
    expect(verdict.passed).toBe(false);
    expect(verdict.reasons).toEqual([
      '2 of 100 sales not accepted',
      'backlog not drained within the bound',
      '8 not e-mailed',
      '1 not linked',
    ]);
  });
});

describe('sustainedRate', () => {
  it('is the last rate passed before the first failure, later passes not counted', () => {
    expect(
      sustainedRate([
        { rate: 5, passed: true },
        { rate: 10, passed: true },
        { rate: 20, passed: false },
        { rate: 40, passed: true },
      ]),
    ).toBe(10);
  });

  it('is null when the first step failed, and the top rate when none did', () => {
    expect(sustainedRate([{ rate: 5, passed: false }])).toBeNull();
    expect(
      sustainedRate([
        { rate: 5, passed: true },
        { rate: 10, passed: true },
      ]),
    ).toBe(10);
  });
});
