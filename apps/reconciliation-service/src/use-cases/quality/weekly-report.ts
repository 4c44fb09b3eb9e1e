import type { Mailer } from '@scontrino/mail';
import type { Logger } from '@scontrino/service';
import type { TillQuality } from '../../clients/till-quality.js';
import {
  type IsoWeek,
  renderWeeklyReport,
  type WeeklyReport,
  weekRange,
} from '../../domain/quality/weekly-report.js';
import type { GraphStore } from '../../store/graph-store.js';

export interface QualityDeps {
  store: Pick<GraphStore, 'quality' | 'segments'>;
  clock: () => Date;
  /** The receipt service's till figures; absent or failing, the report says they are missing. */
  till?: TillQuality | undefined;
}

const isoDay = (at: Date) => at.toISOString().slice(0, 10);

/** A tenant's data quality over an ISO week: identities from here, e-mails at the till from the receipt service. */
export async function weeklyQualityReport(
  deps: QualityDeps,
  tenantId: string,
  week: IsoWeek,
  logger?: Logger,
): Promise<WeeklyReport> {
  const { from, to } = weekRange(week);
  const counts = await deps.store.quality.identityCounts(tenantId, from, to);
  const lastDay = isoDay(new Date(to.getTime() - 1));
  const contacts = deps.till
    ? await deps.till.contacts(tenantId, isoDay(from), lastDay).catch((error: unknown) => {
        logger?.warn({ err: error, tenantId }, 'till data quality not available for the weekly report');
        return null;
      })
    : null;
  return {
    tenantId,
    week,
    from: isoDay(from),
    to: lastDay,
    identities: {
      quarantined: counts.quarantined,
      quarantinedThisWeek: counts.quarantinedInRange,
      quarantinedByReason: counts.quarantinedByReason,
      mergesThisWeek: counts.mergesInRange,
      staffMergesThisWeek: counts.staffMergesInRange,
      suggestionsPending: counts.suggestionsPending,
    },
    contacts,
  };
}

export interface WeeklyMailDeps extends QualityDeps {
  mailer: Mailer | null;
  /** The administrators' addresses (AUDIT_REPORT_TO). */
  recipients: readonly string[];
  logger: Logger;
}

/** A claim not renewed within this long is taken over: its sender crashed before sending. */
const STALE_CLAIM_MS = 30 * 60 * 1000;

/**
 * E-mails each tenant's report of `week` to the administrators, once: the week's claim is taken
 * before sending and marked sent after, so the job run twice (a retry, two instances) sends it
 * once. Answers the tenants it was sent for.
 */
export async function sendWeeklyReports(deps: WeeklyMailDeps, week: IsoWeek): Promise<string[]> {
  if (!deps.mailer || deps.recipients.length === 0) {
    deps.logger.info({ week }, 'weekly audit report not sent: no recipients or SMTP relay configured');
    return [];
  }
  const sent: string[] = [];
  for (const tenantId of await deps.store.segments.tenants()) {
    if (!(await deps.store.quality.claimReport(tenantId, week, deps.clock(), STALE_CLAIM_MS))) continue;
    const mail = renderWeeklyReport(await weeklyQualityReport(deps, tenantId, week, deps.logger));
    for (const to of deps.recipients)
      await deps.mailer.send({
        to,
        ...mail,
        messageId: `<weekly-audit.${tenantId}.${week}.${to.replace(/[^A-Za-z0-9]/g, '')}@scontrino>`,
        headers: { 'X-Scontrino-Report': `${tenantId}/${week}` },
      });
    await deps.store.quality.markSent(tenantId, week, deps.clock(), deps.recipients.length);
    deps.logger.info({ tenantId, week, recipients: deps.recipients.length }, 'weekly audit report sent');
    sent.push(tenantId);
  }
  return sent;
}
