import { modelOn } from '@scontrino/db';
import { type Connection, type Model, Schema } from 'mongoose';

/**
 * A profile (`prf_…`). An absorbed profile stays as a pointer (`mergedInto`) so callers holding
 * its id are sent to the survivor; an erased one keeps only `erasedAt`. Bounded: its identifiers
 * (capped per type by the guards), no list of observations. Its observations are those naming
 * one of its identifiers, found through the observations' indexed `identifierIds`, so a sale
 * writes nothing here and a merge or a split moves no list.
 */
export interface ProfileDocument {
  _id: string;
  tenantId: string;
  /** The age of its evidence when it was created: the oldest profile survives a merge. */
  createdAt: Date;
  updatedAt: Date;
  identifierIds: string[];
  householdId: string | null;
  mergedInto: string | null;
  retiredAt: Date | null;
  erasedAt: Date | null;
}

const profileSchema = new Schema<ProfileDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    createdAt: { type: Date, required: true },
    updatedAt: { type: Date, required: true },
    identifierIds: { type: [String], default: [] },
    householdId: { type: String, default: null },
    mergedInto: { type: String, default: null },
    retiredAt: { type: Date, default: null },
    erasedAt: { type: Date, default: null },
  },
  { collection: 'profiles', versionKey: false, minimize: false },
);
profileSchema.index({ tenantId: 1, retiredAt: 1 });

export function profileModel(connection: Connection): Model<ProfileDocument> {
  return modelOn<ProfileDocument>(connection, 'Profile', profileSchema);
}

/** A household: profiles tied by a shared card. Rewritten whenever its component is recomputed. */
export interface HouseholdDocument {
  _id: string;
  tenantId: string;
  profileIds: string[];
  sharedIdentifierIds: string[];
  /** What told the members apart (`Household.toldApartBy`); absent on households written before it. */
  toldApartBy?: string[];
  updatedAt: Date;
}

const householdSchema = new Schema<HouseholdDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    profileIds: { type: [String], default: [] },
    sharedIdentifierIds: { type: [String], default: [] },
    toldApartBy: { type: [String], default: undefined },
    updatedAt: { type: Date, required: true },
  },
  { collection: 'households', versionKey: false },
);

export function householdModel(connection: Connection): Model<HouseholdDocument> {
  return modelOn<HouseholdDocument>(connection, 'Household', householdSchema);
}
