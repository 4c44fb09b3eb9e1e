import { runSchedule } from '@scontrino/pos-simulator';
import { checkableSample, checkCarriedThrough } from '../observe/completion.js';
import { judgeStep, rateLadder, type StepMeasurement, sustainedRate } from '../rate-steps.js';
import type { PipelineStep } from '../results.js';
import { type AcceptedSale, BRAND, postSale } from '../traffic.js';
import type { BenchContext } from './context.js';
import { backlogNow, drain } from './drain.js';

/** Credits and links of a large step are checked on a sample this big. */
const CHECKED_AT_MOST = 400;
const SAMPLE_EVERY_MS = 1_000;

async function runStep(context: BenchContext, rate: number, label: string): Promise<StepMeasurement> {
  const { options, progress, ledger } = context;
  const span = await ledger.begin();
  const accepted: AcceptedSale[] = [];
  let sent = 0;
  let peakBacklog = 0;
  let running = true;
  progress.phase(label, rate * options.stepSeconds, 'sales');
  const sampler = (async () => {
    while (running) {
      await new Promise((resolve) => setTimeout(resolve, SAMPLE_EVERY_MS));
      if (!running) break;
      const backlog = await backlogNow(context, accepted, () => span.sample());
      peakBacklog = Math.max(peakBacklog, backlog);
      progress.update(sent, `${accepted.length} accepted, ${backlog} in flight`);
    }
  })();
  await runSchedule({ rate, durationMs: options.stepSeconds * 1000, maxInFlight: 10_000 }, async () => {
    sent += 1;
    const answer = await postSale(context.urls.receipt, context.sales.next());
    if (answer.accepted) accepted.push(answer.accepted);
  });
  running = false;
  await sampler;
  const backlogAtEnd = await backlogNow(context, accepted, () => span.sample());
  peakBacklog = Math.max(peakBacklog, backlogAtEnd);
  progress.update(sent, `${accepted.length} accepted, ${backlogAtEnd} in flight; draining`);
  const drainMs = await drain(context, accepted, () => span.sample(), options.drainSeconds * 1000);
  await span.end(accepted.length);

  // Reading credits and links is work for the services too: outside the counted span.
  const checked = checkableSample(accepted, CHECKED_AT_MOST);
  const { credited, linked } = await checkCarriedThrough(checked, {
    loyalty: context.loyalty,
    reconciliation: context.reconciliation,
    tenantId: BRAND.tenantId,
  });
  return {
    rate,
    seconds: options.stepSeconds,
    sent,
    accepted: accepted.length,
    backlogAtEnd,
    peakBacklog,
    drainMs: drainMs === null ? null : Math.round(drainMs),
    emailed: context.mails.count(accepted),
    checked: checked.length,
    credited,
    linked,
  };
}

/**
 * Open-loop rate steps up a ladder until one is not sustained (rate-steps.ts says what that
 * means), no higher than `maxRate` (by default the ingest rate: the pipeline cannot beat it).
 */
export async function measurePipeline(
  context: BenchContext,
  ingestPerSec: number,
): Promise<{ steps: PipelineStep[]; sustained: number | null }> {
  const { options } = context;
  const max = options.maxRate ?? Math.max(options.firstRate, Math.floor(ingestPerSec));
  const rates = rateLadder({ first: options.firstRate, factor: options.rateFactor, max });
  const steps: PipelineStep[] = [];
  for (const [index, rate] of rates.entries()) {
    const measured = await runStep(context, rate, `pipeline: step ${index + 1}, ${rate} sales/s`);
    const verdict = judgeStep(measured, { backlogSeconds: options.backlogSeconds });
    steps.push({ ...measured, ...verdict });
    context.progress.log(
      `pipeline at ${rate} sales/s: ${verdict.passed ? 'sustained' : `not sustained (${verdict.reasons.join('; ')})`}`,
    );
    if (!verdict.passed) break;
  }
  return { steps, sustained: sustainedRate(steps) };
}
