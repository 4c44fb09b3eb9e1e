import { performance } from 'node:perf_hooks';
import { ensureIndexes, isDuplicateKeyError, modelOn } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { type Connection, type Model, Schema } from 'mongoose';
import {
  type ProgramConfig,
  programConfigSchema,
  type ProgramVersion,
} from '../domain/program/program-config.js';

interface ProgramVersionDocument {
  /** `<tenantId>:<version>`: claiming a version number is an insert, so two activations never share one. */
  _id: string;
  tenantId: string;
  version: number;
  config: ProgramConfig;
  activatedAt: Date;
  activatedBy: string;
  note: string | null;
}

const programVersionSchema = new Schema<ProgramVersionDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    version: { type: Number, required: true },
    config: { type: Schema.Types.Mixed, required: true },
    activatedAt: { type: Date, required: true },
    activatedBy: { type: String, required: true },
    note: { type: String, default: null },
  },
  { collection: 'program_versions', versionKey: false, minimize: false },
);
programVersionSchema.index({ tenantId: 1, version: -1 });

function programVersionModel(connection: Connection): Model<ProgramVersionDocument> {
  return modelOn<ProgramVersionDocument>(connection, 'ProgramVersion', programVersionSchema);
}

export interface ProgramVersions {
  /** The tenant's newest version; null before the first activation. */
  current(tenantId: string): Promise<ProgramVersion | null>;
  /**
   * The version a sale made at `at` earns under: the newest one activated at or before `at`;
   * for a sale older than every version, the first.
   */
  inForceAt(tenantId: string, at: Date): Promise<ProgramVersion | null>;
  /** Keeps `config` as the next version number, with its author and note. */
  activate(
    tenantId: string,
    config: ProgramConfig,
    by: { author: string; note: string | null },
  ): Promise<ProgramVersion>;
  /** Every version, newest first. */
  history(tenantId: string): Promise<ProgramVersion[]>;
}

export interface ProgramVersionsOptions {
  clock?: () => Date;
  /**
   * How long a tenant's list of versions is reused before it is read again: an activation made by
   * another instance is seen at most this late. Activations made here are seen at once.
   */
  cacheMs?: number;
}

/** Activations racing for the same number before one gives up (503: the caller retries). */
const MAX_ATTEMPTS = 20;
/** Versions never change once written: this many stay parsed in memory. */
const KEPT_VERSIONS = 256;

interface VersionRef {
  version: number;
  activatedAt: Date;
}

const idOf = (tenantId: string, version: number) => `${tenantId}:${version}`;

/** Registers the model and waits for its index. */
export async function openProgramVersions(
  connection: Connection,
  options: ProgramVersionsOptions = {},
): Promise<ProgramVersions> {
  const Versions = programVersionModel(connection);
  await ensureIndexes(connection);
  return programVersions(Versions, options);
}

function programVersions(
  Versions: Model<ProgramVersionDocument>,
  options: ProgramVersionsOptions,
): ProgramVersions {
  const clock = options.clock ?? (() => new Date());
  const cacheMs = options.cacheMs ?? 2_000;
  // The cache's age is measured on the process's monotonic timer, not on the injected clock, which
  // tests freeze or move.
  const lists = new Map<string, { readAt: number; refs: VersionRef[] }>();
  const kept = new Map<string, ProgramVersion>();

  async function refsOf(tenantId: string): Promise<VersionRef[]> {
    const cached = lists.get(tenantId);
    if (cached && performance.now() - cached.readAt < cacheMs) return cached.refs;
    const refs = await Versions.find({ tenantId }, { _id: 0, version: 1, activatedAt: 1 })
      .sort({ version: 1 })
      .lean<VersionRef[]>();
    lists.set(tenantId, { readAt: performance.now(), refs });
    return refs;
  }

  async function load(tenantId: string, version: number): Promise<ProgramVersion | null> {
    const id = idOf(tenantId, version);
    const hit = kept.get(id);
    if (hit) return hit;
    const document = await Versions.findById(id).lean<ProgramVersionDocument>();
    if (!document) return null;
    const loaded = toVersion(document);
    kept.set(id, loaded);
    if (kept.size > KEPT_VERSIONS) kept.delete(kept.keys().next().value ?? id);
    return loaded;
  }

  return {
    async current(tenantId) {
      const refs = await refsOf(tenantId);
      const newest = refs.at(-1);
      return newest ? load(tenantId, newest.version) : null;
    },
    async inForceAt(tenantId, at) {
      const refs = await refsOf(tenantId);
      const inForce = refs.filter((ref) => ref.activatedAt.getTime() <= at.getTime()).at(-1) ?? refs[0];
      return inForce ? load(tenantId, inForce.version) : null;
    },
    async activate(tenantId, config, by) {
      const parsed = programConfigSchema.parse(config);
      for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
        const latest = await Versions.findOne({ tenantId }, { version: 1, activatedAt: 1 })
          .sort({ version: -1 })
          .lean<Pick<ProgramVersionDocument, 'version' | 'activatedAt'>>();
        const version = (latest?.version ?? 0) + 1;
        // Never before the previous version, so version order and time order agree even when two
        // instances' clocks differ a little: `inForceAt(now)` is always `current()`.
        const now = clock();
        const activatedAt = latest && latest.activatedAt > now ? latest.activatedAt : now;
        const document: ProgramVersionDocument = {
          _id: idOf(tenantId, version),
          tenantId,
          version,
          config: parsed,
          activatedAt,
          activatedBy: by.author,
          note: by.note,
        };
        try {
          await Versions.create(document);
        } catch (error) {
          if (isDuplicateKeyError(error)) continue; // another activation took this number
          throw error;
        }
        lists.delete(tenantId);
        return toVersion(document);
      }
      throw new AppError('program.busy', 'Too many activations at once, try again', { kind: 'unavailable' });
    },
    async history(tenantId) {
      const documents = await Versions.find({ tenantId })
        .sort({ version: -1 })
        .lean<ProgramVersionDocument[]>();
      return documents.map(toVersion);
    },
  };
}

/**
 * Read through the current schema, so a field added later with a default is there for old versions
 * too. A version that no longer passes a tightened schema is still what was in force: kept as stored.
 */
function toVersion(document: ProgramVersionDocument): ProgramVersion {
  const parsed = programConfigSchema.safeParse(document.config);
  return {
    tenantId: document.tenantId,
    version: document.version,
    config: parsed.success ? parsed.data : document.config,
    activatedAt: document.activatedAt,
    activatedBy: document.activatedBy,
    note: document.note,
  };
}
