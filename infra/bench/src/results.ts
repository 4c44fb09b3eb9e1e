import type { StepMeasurement, StepVerdict } from './rate-steps.js';

export const SERVICE_NAMES = ['receipt', 'loyalty', 'reconciliation'] as const;
export type ServiceName = (typeof SERVICE_NAMES)[number];
export type PerService<T> = Record<ServiceName, T>;

export interface MachineInfo {
  cpus: number;
  cpuModel: string;
  memoryGb: number;
  os: string;
  node: string;
  /** `ferretdb-postgresql`, `mongod`, `external`… as the stack chose. */
  databaseKind: string;
  /** The wire protocol's version (what `buildInfo` says), FerretDB's own and PostgreSQL's when known. */
  databaseVersion: string | null;
  ferretdbVersion: string | null;
  postgresqlVersion: string | null;
  redisVersion: string | null;
}

export interface BenchSettings {
  /** The services from their tsup builds (`dist/start.js`) or from source under tsx. */
  servicesFrom: 'build' | 'source';
  /** Connections of the raw ceiling and of ingest. */
  connections: number;
  ingestSeconds: number;
  insertManyBatch: number;
  stepSeconds: number;
  backlogSeconds: number;
  drainSeconds: number;
  members: number;
  tills: number;
  reconciliationSeconds: number;
  reencryptionMembers: number;
}

export type PipelineStep = StepMeasurement & StepVerdict;

/** One run of `pnpm bench`: the object docs/performance.json holds. */
export interface BenchResults {
  date: string;
  mode: 'quick' | 'full';
  /** Sales stored in the receipt database before measuring (`--stored-sales`). */
  storedSales: number;
  machine: MachineInfo;
  settings: BenchSettings;
  rawInsertOnePerSec: number;
  rawInsertOneP99Ms: number | null;
  rawInsertManyPerSec: number;
  ingestPerSec: number;
  ingestP50Ms: number | null;
  ingestP95Ms: number | null;
  ingestP99Ms: number | null;
  ingestAccepted: number;
  /** Answers other than 201, and requests that got no answer. */
  ingestNot201: number;
  pipelineSustainedPerSec: number | null;
  pipelineSteps: PipelineStep[];
  /** The open-loop rate sale → points visible was measured at (80 % of the sustained one). */
  pointsVisibleAtPerSec: number;
  pointsVisibleP50Ms: number | null;
  pointsVisibleP95Ms: number | null;
  pointsVisibleWatched: number;
  pointsVisibleSeen: number;
  reconciliationObservationsPerSec: number;
  reconciliationLinkP95Ms: number | null;
  reencryptionDocsPerSec: number;
  /** Sales the command counts below are divided by (ingest and the pipeline's steps). */
  countedSales: number;
  dbCommandsPerSale: PerService<number> & { total: number };
  /** The receipt service's database commands per sale while the ingest burst ran: the till's cost and any pipeline work done meanwhile. */
  receiptDbCommandsPerSaleDuringIngest: number;
  /** Commands a service sends with nothing to do (pollers, sweeps), per second; subtracted above. */
  dbIdleCommandsPerSec: PerService<number>;
  redisCommandsPerSale: PerService<number> & { total: number; server: number | null };
  redisIdleCommandsPerSec: PerService<number>;
  /** The counts above, command by command (`insert`, `find`, `evalsha`…). */
  commandsPerSaleByCommand: PerService<{ db: Record<string, number>; redis: Record<string, number> }>;
  peakRssMb: PerService<number | null>;
}
