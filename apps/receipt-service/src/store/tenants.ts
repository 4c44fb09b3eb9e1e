import {
  readCache,
  tenantDirectory,
  type ReadCache,
  type TenantDirectory,
  type TenantRecord,
} from '@scontrino/caller-keys';
import { isDuplicateKeyError, modelOn } from '@scontrino/db';
import { AppError } from '@scontrino/errors';
import { type Connection, type Model, Schema } from 'mongoose';

/** A tenant (brand): created once by an administrator, never silently by a call that names it. */
export interface Tenant extends TenantRecord {
  createdAt: Date;
  /** The staff subject who created it. */
  createdBy: string;
}

const tenantSchema = new Schema<Tenant>(
  {
    _id: { type: String, required: true },
    name: { type: String, required: true },
    createdAt: { type: Date, required: true },
    createdBy: { type: String, required: true },
  },
  { collection: 'tenants', versionKey: false },
);

export function tenantModel(connection: Connection): Model<Tenant> {
  return modelOn(connection, 'Tenant', tenantSchema);
}

export interface Tenants extends TenantDirectory {
  /** A new tenant; 409 `tenant.exists` when the id is taken (a second create changes nothing). */
  create(tenant: { tenantId: string; name: string }, createdBy: string): Promise<Tenant>;
  /** Every tenant, by id (a registry of brands: tens, not millions). */
  list(): Promise<Tenant[]>;
  /** The registry's record of a tenant, for other services' caches; null when unknown. */
  record(tenantId: string): Promise<TenantRecord | null>;
}

/**
 * The tenant registry. Every procedure that names a tenant asks `require`, by `_id`, through
 * `cache`: no read per call once warm, and the creation is announced (`tenant:<id>`) so every
 * cache, here and in the other services, drops what it had.
 */
export function tenants(
  Tenants: Model<Tenant>,
  clock: () => Date,
  cache: ReadCache<TenantRecord> = readCache({ name: 'tenant' }),
): Tenants {
  const record = async (tenantId: string): Promise<TenantRecord | null> =>
    Tenants.findById(tenantId, { name: 1 }).lean<TenantRecord>();
  const directory = tenantDirectory(cache, record);
  return {
    ...directory,
    async create({ tenantId, name }, createdBy) {
      const tenant: Tenant = { _id: tenantId, name, createdAt: clock(), createdBy };
      try {
        await Tenants.create(tenant);
      } catch (error) {
        if (!isDuplicateKeyError(error)) throw error;
        throw new AppError('tenant.exists', `Tenant ${tenantId} exists already`, {
          kind: 'conflict',
          issues: [{ path: 'tenantId', code: 'tenant.exists', message: `tenant ${tenantId} exists already` }],
        });
      }
      await cache.invalidate(tenantId);
      return tenant;
    },
    async list() {
      return Tenants.find({}).sort({ _id: 1 }).lean<Tenant[]>();
    },
    record,
  };
}
