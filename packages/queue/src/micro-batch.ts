export interface MicroBatchOptions<TItem, TResult> {
  /**
   * Handles one batch, e.g. with one `insertMany`. Resolves with one outcome per item, in order:
   * a result, or an `Error` that fails that item alone. Rejecting fails every item of the batch.
   */
  run(items: readonly TItem[]): Promise<readonly (TResult | Error)[]>;
  /** A batch goes as soon as it holds this many items… */
  maxSize: number;
  /** …or this long after its first item arrived. */
  maxWaitMs: number;
}

export interface MicroBatcher<TItem, TResult> {
  /** Resolves (or rejects) with the item's own outcome once its batch has run. */
  add(item: TItem): Promise<TResult>;
  /** Sends the batch being collected now, e.g. when no other item can come soon. */
  flush(): void;
}

interface Waiting<TItem, TResult> {
  item: TItem;
  resolve(result: TResult): void;
  reject(error: unknown): void;
}

/**
 * Groups items that arrive within a few milliseconds into one call of `run`, each caller still
 * awaiting its own outcome. With bull 4 that is how jobs are handled together: a worker with
 * concurrency N holds up to N jobs at once, each job's handler adds its write and awaits it,
 * and every job still completes, fails and retries on its own. Batches do not wait for each
 * other: one collects while the previous one runs.
 */
export function microBatcher<TItem, TResult>(
  options: MicroBatchOptions<TItem, TResult>,
): MicroBatcher<TItem, TResult> {
  let collecting: Waiting<TItem, TResult>[] = [];
  let timer: NodeJS.Timeout | undefined;

  async function run(batch: Waiting<TItem, TResult>[]): Promise<void> {
    try {
      const outcomes = await options.run(batch.map((waiting) => waiting.item));
      batch.forEach((waiting, index) => {
        const outcome = index < outcomes.length ? outcomes[index] : new Error('the batch gave no outcome');
        if (outcome instanceof Error) waiting.reject(outcome);
        else waiting.resolve(outcome as TResult);
      });
    } catch (error) {
      for (const waiting of batch) waiting.reject(error);
    }
  }

  function flush(): void {
    clearTimeout(timer);
    timer = undefined;
    if (collecting.length === 0) return;
    const batch = collecting;
    collecting = [];
    void run(batch);
  }

  return {
    add(item) {
      return new Promise<TResult>((resolve, reject) => {
        collecting.push({ item, resolve, reject });
        if (collecting.length >= options.maxSize) flush();
        else timer ??= setTimeout(flush, options.maxWaitMs);
      });
    },
    flush,
  };
}
