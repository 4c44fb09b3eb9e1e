import type Bull from 'bull';

/** The daily job that activates pending points, expires batches and re-evaluates tiers. */
export const LEDGER_UPKEEP_QUEUE = 'loyalty-ledger-upkeep';

/** Every day at 03:15 UTC, when tills are closed in the retailers' time zones. */
export const LEDGER_UPKEEP_CRON = '15 3 * * *';

/** One repeatable job however many instances start: bull keys repeatable jobs by name and cron. */
export const ledgerUpkeepJobOptions: Bull.JobOptions = {
  repeat: { cron: LEDGER_UPKEEP_CRON, tz: 'UTC' },
  jobId: 'ledger-upkeep',
  attempts: 3,
  backoff: { type: 'exponential', delay: 60_000 },
  removeOnComplete: 30,
  removeOnFail: 30,
};
