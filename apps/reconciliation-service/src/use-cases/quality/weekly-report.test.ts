import { randomUUID } from 'node:crypto';
import { createMailer } from '@scontrino/mail';
import { mailSink, refusalOf, staffToken, testStack } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TillQuality } from '../../clients/till-quality.js';
import { isoWeekOf } from '../../domain/quality/weekly-report.js';
import {
  startTestReconciliationService,
  type TestReconciliationService,
} from '../../test-support/reconciliation-service.js';

const tenantId = 'moda-rossi';
const run = randomUUID().slice(0, 8);
const admin = `admin-${run}@moda-rossi.test`;
const week = isoWeekOf(new Date());
let service: TestReconciliationService;
const asked: string[] = [];

/** The receipt service's till figures for the week, as `quality.contacts` answers them. */
const till: TillQuality = {
  contacts(_tenant, from, to) {
    asked.push(`${from}..${to}`);
    const line = { sales: 40, emailGiven: 30, emailInvalid: 1, emailPlaceholder: 9, badEmailShare: 0.25 };
    return Promise.resolve({
      total: line,
      stores: [{ storeId: 'MI-001', ...line }],
      cashiers: [{ storeId: 'MI-001', cashier: '<C17>', ...line }],
    });
  },
};

beforeAll(async () => {
  const { smtp } = testStack();
  service = await startTestReconciliationService({
    weeklyReport: {
      mailer: createMailer({ smtpUrl: `smtp://${smtp.host}:${smtp.port}`, from: 'Scontrino <audit@test>' }),
      recipients: [admin],
      till,
    },
  });
  const identify = async (sourceId: string, identifiers: { type: 'card' | 'email'; value: string }[]) =>
    service.waitLinked(
      (
        await service.trpc.observations.identify.mutate({
          tenantId,
          source: 'crm',
          sourceId,
          at: new Date().toISOString(),
          identifiers,
        })
      ).observationId,
    );
  // Two profiles, then a sighting naming both: one merge this week.
  await identify(`a-${run}`, [{ type: 'card', value: '2900000055501' }]);
  await identify(`b-${run}`, [{ type: 'email', value: `paola-${run}@example.test` }]);
  await identify(`c-${run}`, [
    { type: 'card', value: '2900000055501' },
    { type: 'email', value: `paola-${run}@example.test` },
  ]);
  // And a card quarantined by staff.
  await service.staff.identifiers.quarantine.mutate({
    tenantId,
    identifier: { type: 'card', value: '2900000055501' },
    reason: 'test card printed on the till manual',
  });
}, 60_000);
afterAll(() => service.close());

describe('the weekly data-quality audit', () => {
  it("shows the week's merges, quarantined identifiers, pending suggestions and the till's figures", async () => {
    const analyst = service.as(await staffToken({ sub: 'crm', roles: ['crm_analyst'], tenants: [tenantId] }));
    const report = await analyst.quality.weeklyReport.query({ tenantId, week });
    expect(report.identities).toMatchObject({
      quarantined: 1,
      quarantinedThisWeek: 1,
      quarantinedByReason: { staff: 1 },
      mergesThisWeek: 1,
      suggestionsPending: 0,
    });
    expect(report.contacts?.total.badEmailShare).toBe(0.25);
    expect(report.sentAt).toBeNull();
    // Monday to Sunday.
    expect(asked.at(-1)).toBe(`${report.from}..${report.to}`);
    expect((Date.parse(report.to) - Date.parse(report.from)) / 86_400_000).toBe(6);

    const manager = service.as(
      await staffToken({ sub: 'mgr', roles: ['store_manager'], tenants: [tenantId], stores: ['MI-001'] }),
    );
    expect(await refusalOf(manager.quality.weeklyReport.query({ tenantId, week }))).toMatchObject({
      status: 403,
    });
    expect(await refusalOf(analyst.quality.weeklyReport.query({ tenantId, week: '2026-W60' }))).toMatchObject(
      {
        status: 400,
      },
    );
  });

  it('e-mails the report to the administrators once, however often the job runs', async () => {
    expect(await service.sendWeeklyReport(week)).toEqual([tenantId]);
    expect(await service.sendWeeklyReport(week)).toEqual([]);
    const mail = await mailSink.waitFor({
      to: admin,
      subject: `Scontrino data quality, ${tenantId}, week ${week}`,
    });
    expect(mail.html).toContain('Duplicate profiles merged this week');
    expect(mail.html).toContain('25.0%');
    // Ids from the till are escaped, never markup.
    expect(mail.html).toContain('&lt;C17&gt;');
    expect(mail.html).not.toContain('<C17>');
    expect(mail.text).toContain('Suggestions waiting for review: 0');
    expect(await mailSink.list({ to: admin })).toHaveLength(1);
    const report = await service.staff.quality.weeklyReport.query({ tenantId, week });
    expect(report.sentAt).not.toBeNull();
  });
});
