import type { Scenario } from '../generate/traffic-mix.js';

/**
 * What happened to the arrivals beyond their requests: how many of each scenario, and the
 * detours (a claim skipped for the rate budget, a redemption without points, a voided hold…).
 */
export function createTally() {
  const arrivals = new Map<Scenario, number>();
  const notes = new Map<string, number>();
  return {
    arrival(scenario: Scenario): void {
      arrivals.set(scenario, (arrivals.get(scenario) ?? 0) + 1);
    },
    note(event: string): void {
      notes.set(event, (notes.get(event) ?? 0) + 1);
    },
    arrivals: (): Partial<Record<Scenario, number>> => Object.fromEntries(arrivals),
    notes: (): Record<string, number> =>
      Object.fromEntries([...notes].sort(([a], [b]) => a.localeCompare(b))),
  };
}

export type Tally = ReturnType<typeof createTally>;
