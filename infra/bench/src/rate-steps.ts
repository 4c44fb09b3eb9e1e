/**
 * The pipeline's open-loop rate steps and what makes one "sustained". Pure: the measurements
 * come from phases/pipeline.ts.
 */

/** Arrival rates to try, in sales per second: `first`, then × `factor` (whole numbers), up to `max`. */
export function rateLadder(options: { first: number; factor: number; max: number }): number[] {
  const { first, factor, max } = options;
  if (!(first > 0) || !(factor > 1)) throw new Error('a rate ladder needs first > 0 and factor > 1');
  const rates: number[] = [];
  for (let rate = first; rate <= max; rate = Math.max(rate + 1, Math.round(rate * factor))) rates.push(rate);
  return rates;
}

/** What one step did: `rate` sales per second for `seconds`, then a bounded wait for the backlog. */
export interface StepMeasurement {
  rate: number;
  seconds: number;
  sent: number;
  /** Answered 201. */
  accepted: number;
  /** Sales still in flight when the last one had been sent (sent, not yet e-mailed or still queued). */
  backlogAtEnd: number;
  /** The largest backlog seen while the step ran. */
  peakBacklog: number;
  /** From the last sale sent until everything was done; null when the drain bound ran out first. */
  drainMs: number | null;
  /** Of the accepted sales, how many were e-mailed in the end. */
  emailed: number;
  /** Accepted sales whose credit and link were checked (all of them, or a sample of a large step). */
  checked: number;
  /** Of those checked, how many were credited and linked. */
  credited: number;
  linked: number;
}

export interface StepBounds {
  /** The backlog at the step's end may hold at most this many seconds of arrivals. */
  backlogSeconds: number;
}

export interface StepVerdict {
  passed: boolean;
  /** Why it did not pass, in words; empty when it did. */
  reasons: string[];
}

/**
 * A step is sustained when every sale was accepted, e-mailed, credited and linked, the backlog
 * drained within the bound, and at the step's end no more than `backlogSeconds` of arrivals were
 * waiting: a pipeline slower than the arrivals builds a backlog that grows with the step's length.
 */
export function judgeStep(step: StepMeasurement, bounds: StepBounds): StepVerdict {
  const reasons: string[] = [];
  const refused = step.sent - step.accepted;
  if (refused > 0) reasons.push(`${refused} of ${step.sent} sales not accepted`);
  const allowed = Math.ceil(step.rate * bounds.backlogSeconds);
  if (step.backlogAtEnd > allowed)
    reasons.push(`backlog ${step.backlogAtEnd} at the step's end (bound ${allowed})`);
  if (step.drainMs === null) reasons.push('backlog not drained within the bound');
  for (const [missing, what] of [
    [step.accepted - step.emailed, 'e-mailed'],
    [step.checked - step.credited, 'credited'],
    [step.checked - step.linked, 'linked'],
  ] as const)
    if (missing > 0) reasons.push(`${missing} not ${what}`);
  return { passed: reasons.length === 0, reasons };
}

/** The highest rate of an unbroken run of passed steps from the first; null when the first failed. */
export function sustainedRate(steps: readonly { rate: number; passed: boolean }[]): number | null {
  let sustained: number | null = null;
  for (const step of steps) {
    if (!step.passed) break;
    sustained = step.rate;
  }
  return sustained;
}
