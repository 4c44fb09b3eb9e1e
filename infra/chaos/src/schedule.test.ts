import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, planFaults } from './schedule.js';

describe('fault schedule', () => {
  it('when a seed is given again, then the same faults come in the same order with the same lengths', () => {
    expect(planFaults('replay-me', FAULT_KINDS, 30)).toEqual(planFaults('replay-me', FAULT_KINDS, 30));
    expect(planFaults('replay-me', FAULT_KINDS, 30)).not.toEqual(planFaults('another', FAULT_KINDS, 30));
  });

  it('plays every kind asked for before any kind twice, then only kinds asked for', () => {
    const plan = planFaults('s', FAULT_KINDS, 40);
    expect(new Set(plan.slice(0, FAULT_KINDS.length).map((fault) => fault.kind)).size).toBe(
      FAULT_KINDS.length,
    );
    const few = planFaults('s', ['kill-loyalty', 'smtp-refuse'], 10);
    expect(new Set(few.map((fault) => fault.kind))).toEqual(new Set(['kill-loyalty', 'smtp-refuse']));
  });
});
