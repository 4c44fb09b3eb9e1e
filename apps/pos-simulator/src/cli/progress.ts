import { Presets, SingleBar } from 'cli-progress';
import type { RequestRecord } from '../run/http.js';

/**
 * A progress bar on stderr (stdout stays for the report, e.g. `--json | jq`): arrivals ended out
 * of those planned, and the requests' outcomes so far. Silent when stderr is no terminal.
 */
export function createProgress(total: number) {
  const bar = new SingleBar(
    {
      format:
        '{bar} {value}/{total} arrivals | {accepted} accepted, {rejected} rejected, {failed} failed | {duration_formatted}',
      hideCursor: true,
      clearOnComplete: false,
      fps: 5,
    },
    Presets.shades_classic,
  );
  const counts = { accepted: 0, rejected: 0, failed: 0 };
  let ended = 0;
  return {
    start: () => bar.start(total, 0, counts),
    onRequest: (record: RequestRecord): void => {
      counts[record.outcome.kind]++;
      bar.update(ended, counts);
    },
    onArrivalEnd: (): void => {
      ended++;
      bar.update(ended, counts);
    },
    stop: () => bar.stop(),
  };
}
