import { closeDatabase, connectDatabase } from '@scontrino/db';
import { testDatabaseUri } from '@scontrino/testing';
import type { Connection } from 'mongoose';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoProgramConfig } from '@scontrino/contracts';
import { openProgramVersions } from './program-versions.js';

let connection: Connection;
let now = new Date('2026-03-01T10:00:00Z');
const clock = () => now;
let tenantSeq = 0;
const newTenant = () => `tenant-${Date.now()}-${(tenantSeq += 1)}`;
const by = (author: string, note: string | null = null) => ({ author, note });
const withRate = (pointsPerUnit: number) => ({
  ...demoProgramConfig,
  earning: { ...demoProgramConfig.earning, pointsPerUnit },
});

beforeAll(async () => {
  connection = await connectDatabase({
    uri: testDatabaseUri('programs'),
    logger: pino({ level: 'silent' }),
    retry: { attempts: 3 },
  });
});
afterAll(() => closeDatabase(connection));

describe('program versions', () => {
  it('when a tenant activates twice, then each activation is a new version kept with author, note and time, newest first', async () => {
    const programs = await openProgramVersions(connection, { clock });
    const tenant = newTenant();
    expect(await programs.current(tenant)).toBeNull();
    now = new Date('2026-03-01T10:00:00Z');
    const first = await programs.activate(tenant, demoProgramConfig, by('anna@crm', 'launch'));
    now = new Date('2026-03-02T10:00:00Z');
    const second = await programs.activate(tenant, withRate(2), by('bruno@crm'));
    expect([first.version, second.version]).toEqual([1, 2]);
    expect(second).toMatchObject({
      tenantId: tenant,
      activatedBy: 'bruno@crm',
      note: null,
      activatedAt: now,
    });
    expect((await programs.current(tenant))?.config.earning.pointsPerUnit).toBe(2);
    const history = await programs.history(tenant);
    expect(history.map((v) => [v.version, v.activatedBy, v.note])).toEqual([
      [2, 'bruno@crm', null],
      [1, 'anna@crm', 'launch'],
    ]);
    expect(history[1]?.config).toEqual(demoProgramConfig);
  });

  it('when activations race, then each gets its own version number', async () => {
    const tenant = newTenant();
    // Separate instances, as separate replicas would be: no shared memory between them.
    const instances = await Promise.all(
      Array.from({ length: 4 }, () => openProgramVersions(connection, { clock })),
    );
    const activated = await Promise.all(
      Array.from({ length: 8 }, (_, i) =>
        instances[i % 4]!.activate(tenant, withRate(i + 1), by(`crm-${i}`)),
      ),
    );
    expect(activated.map((v) => v.version).sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const history = await instances[0]!.history(tenant);
    expect(history.map((v) => v.version)).toEqual([8, 7, 6, 5, 4, 3, 2, 1]);
    // Each stored version is the configuration its own activation sent.
    for (const version of activated)
      expect(history.find((v) => v.version === version.version)?.activatedBy).toBe(version.activatedBy);
  });

  it('when a sale is looked up, then it earns under the version activated last at or before it, or the first one if older', async () => {
    const programs = await openProgramVersions(connection, { clock });
    const tenant = newTenant();
    for (const [day, rate] of [
      ['2026-04-01', 1],
      ['2026-04-10', 2],
      ['2026-04-20', 3],
    ] as const) {
      now = new Date(`${day}T00:00:00Z`);
      await programs.activate(tenant, withRate(rate), by('crm'));
    }
    const versionAt = async (iso: string) => (await programs.inForceAt(tenant, new Date(iso)))?.version;
    expect(await versionAt('2026-03-15T00:00:00Z')).toBe(1);
    expect(await versionAt('2026-04-09T23:59:59.999Z')).toBe(1);
    expect(await versionAt('2026-04-10T00:00:00Z')).toBe(2);
    expect(await versionAt('2026-04-19T12:00:00Z')).toBe(2);
    expect(await versionAt('2026-05-01T00:00:00Z')).toBe(3);
    expect(await programs.inForceAt(newTenant(), new Date())).toBeNull();
  });

  it('when another instance activates, then this one sees it once its cache is older than cacheMs (0: at once)', async () => {
    const tenant = newTenant();
    const reader = await openProgramVersions(connection, { clock, cacheMs: 0 });
    const writer = await openProgramVersions(connection, { clock });
    await writer.activate(tenant, demoProgramConfig, by('crm'));
    expect((await reader.current(tenant))?.version).toBe(1);
    await writer.activate(tenant, withRate(2), by('crm'));
    expect((await reader.current(tenant))?.version).toBe(2);
  });

  it("when this instance's clock is behind the last activation, then the new version is not dated before it", async () => {
    const programs = await openProgramVersions(connection, { clock });
    const tenant = newTenant();
    now = new Date('2026-06-02T00:00:00Z');
    const first = await programs.activate(tenant, demoProgramConfig, by('crm'));
    now = new Date('2026-06-01T00:00:00Z');
    const second = await programs.activate(tenant, withRate(2), by('crm'));
    expect(second.activatedAt).toEqual(first.activatedAt);
    expect((await programs.inForceAt(tenant, first.activatedAt))?.version).toBe(2);
  });

  it('when a version was stored before a field got a default, then it is read with that default', async () => {
    const programs = await openProgramVersions(connection, { clock });
    const tenant = newTenant();
    const { excluded: _excluded, ...earning } = demoProgramConfig.earning;
    const oldConfig = { ...demoProgramConfig, earning: { ...earning, excluded: {} } };
    await connection.collection('program_versions').insertOne({
      _id: `${tenant}:1` as never,
      tenantId: tenant,
      version: 1,
      config: oldConfig,
      activatedAt: new Date('2026-01-01T00:00:00Z'),
      activatedBy: 'crm',
      note: null,
    });
    expect((await programs.current(tenant))?.config.earning.excluded).toEqual({ skus: [], categories: [] });
  });
});
