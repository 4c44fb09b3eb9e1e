/**
 * Serialises the graph mutations of one tenant inside this process: the inbox worker (which also
 * runs with concurrency 1) and staff operations take turns, so two recomputations of one component
 * never interleave. Across replicas, partition tenants (see docs/identity.md, "Scaling").
 */
export interface GraphLock {
  run<T>(tenantId: string, work: () => Promise<T>): Promise<T>;
}

export function createGraphLock(): GraphLock {
  const tails = new Map<string, Promise<unknown>>();
  return {
    run(tenantId, work) {
      const previous = tails.get(tenantId) ?? Promise.resolve();
      const result = previous.then(work, work);
      const tail = result.catch(() => undefined);
      tails.set(tenantId, tail);
      void tail.then(() => {
        if (tails.get(tenantId) === tail) tails.delete(tenantId);
      });
      return result;
    },
  };
}
