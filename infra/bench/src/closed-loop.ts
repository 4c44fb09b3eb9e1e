/**
 * `callers` concurrent callers, each doing `work` again as soon as its last call ended, until
 * `seconds` have passed. Returns how many units the calls did in all (each call says how many),
 * and how long it took.
 */
export async function closedLoop(options: {
  callers: number;
  seconds: number;
  work: () => Promise<number>;
  onProgress?: (done: number, elapsedMs: number) => void;
}): Promise<{ done: number; ms: number }> {
  const started = performance.now();
  const stopAt = started + options.seconds * 1000;
  let done = 0;
  const ticker =
    options.onProgress === undefined
      ? undefined
      : setInterval(() => options.onProgress?.(done, performance.now() - started), 500);
  try {
    await Promise.all(
      Array.from({ length: options.callers }, async () => {
        while (performance.now() < stopAt) {
          // Not `done += await work()`: that reads `done` before the await, so concurrent callers
          // would overwrite each other's counts (the first bench's raw ceiling was 10× too low).
          const units = await options.work();
          done += units;
        }
      }),
    );
  } finally {
    clearInterval(ticker);
  }
  return { done, ms: performance.now() - started };
}
