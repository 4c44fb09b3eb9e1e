import { execFile } from 'node:child_process';
import { cpus, release, totalmem, type } from 'node:os';
import { promisify } from 'node:util';
import { postgresqlServerUrl } from '@scontrino/stack';
import mongoose from 'mongoose';
import type { MachineInfo } from './results.js';

const run = promisify(execFile);

async function databaseVersions(url: string): Promise<{ wire: string | null; ferretdb: string | null }> {
  const connection = await mongoose.createConnection(url).asPromise();
  try {
    const info = (await connection.db?.admin().command({ buildInfo: 1 })) as
      { version?: string; ferretdbVersion?: string } | undefined;
    return { wire: info?.version ?? null, ferretdb: info?.ferretdbVersion ?? null };
  } catch {
    return { wire: null, ferretdb: null };
  } finally {
    await connection.close();
  }
}

async function postgresqlVersion(): Promise<string | null> {
  try {
    const { stdout } = await run('psql', [postgresqlServerUrl(), '-Atc', 'SHOW server_version'], {
      timeout: 5_000,
    });
    return stdout.trim().split(' ')[0] || null;
  } catch {
    return null;
  }
}

/** What the figures were measured on: they are only comparable with runs on the same. */
export async function describeMachine(database: { url: string; kind: string }, redisVersion: string | null) {
  const processors = cpus();
  const versions = await databaseVersions(database.url);
  const machine: MachineInfo = {
    cpus: processors.length,
    cpuModel: processors[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    os: `${type()} ${release()}`,
    node: process.version,
    databaseKind: database.kind,
    databaseVersion: versions.wire,
    ferretdbVersion: versions.ferretdb,
    postgresqlVersion: database.kind === 'ferretdb-postgresql' ? await postgresqlVersion() : null,
    redisVersion,
  };
  return machine;
}
