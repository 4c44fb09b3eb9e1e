import type { QueueFactory } from '@scontrino/queue';
import { previousWeek } from '../domain/quality/weekly-report.js';
import { sendWeeklyReports, type WeeklyMailDeps } from '../use-cases/quality/weekly-report.js';

/** Mondays at 06:00 UTC: the week just ended. */
export const WEEKLY_REPORT_CRON = '0 6 * * 1';

/**
 * The weekly audit report as one repeatable bull job (`reconciliation-service-weekly-report`): bull
 * runs it once a week however many instances start, and the report of a week is sent once even
 * when the job runs again (see `sendWeeklyReports`).
 */
export async function startWeeklyReport(options: {
  queues: QueueFactory;
  deps: WeeklyMailDeps;
}): Promise<{ runNow: (week?: string) => Promise<string[]> }> {
  const name = 'reconciliation-service-weekly-report';
  const run = (week?: string) => sendWeeklyReports(options.deps, week ?? previousWeek(options.deps.clock()));
  const queue = options.queues.queue(name);
  queue
    .process(() => run())
    .catch((error: unknown) => options.deps.logger.error({ err: error }, 'weekly report stopped'));
  await queue.add(
    {},
    {
      repeat: { cron: WEEKLY_REPORT_CRON, tz: 'UTC' },
      jobId: name,
      attempts: 5,
      backoff: { type: 'exponential', delay: 60_000 },
      removeOnComplete: 30,
      removeOnFail: 30,
    },
  );
  return { runNow: run };
}
