/**
 * Serialises the graph mutations of one tenant inside this process: the inbox worker (which also
 * runs with concurrency 1) and staff operations take turns, so two recomputations of one component
 * never interleave. Across replicas, partition tenants (see docs/identity.md, "Scaling").
 */
export interface GraphLock {
  run<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
  /**
   * How many holders the tenant's lock has had so far (the one running included): the linker
   * keeps what it wrote between its own turns, and forgets it when anyone else had one meanwhile.
   */
  turns(tenantId: string): number;
}

export function createGraphLock(): GraphLock {
  const tails = new Map<string, Promise<unknown>>();
  const turns = new Map<string, number>();
  return {
    run(tenantId, work) {
      const previous = tails.get(tenantId) ?? Promise.resolve();
      const take = () => {
        turns.set(tenantId, (turns.get(tenantId) ?? 0) + 1);
        return work();
      };
      const result = previous.then(take, take);
      const tail = result.catch(() => undefined);
      tails.set(tenantId, tail);
      void tail.then(() => {
        if (tails.get(tenantId) === tail) tails.delete(tenantId);
      });
      return result;
    },
    turns: (tenantId) => turns.get(tenantId) ?? 0,
  };
}
