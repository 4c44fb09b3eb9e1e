import { modelOn } from '@scontrino/db';
import { type Connection, Schema } from 'mongoose';
import type { QuarantineReason } from '../domain/graph/types.js';
import type { MatchModel } from '../domain/suggestions/match-model.js';

/** A staff decision on a pair of identifiers: `nl:<a>~<b>` (never link) or `ml:<a>~<b>` (must link). */
export interface OverrideDocument {
  _id: string;
  tenantId: string;
  kind: 'never-link' | 'must-link';
  a: string;
  b: string;
  actor: string;
  note: string | null;
  at: Date;
}

/** The junk report: one entry per quarantined identifier (its own document also says so). */
export interface QuarantineEntryDocument {
  _id: string;
  tenantId: string;
  type: string;
  reason: QuarantineReason;
  profilesJoined: number | null;
  actor: string | null;
  at: Date;
}

/** A pair that looks like one person but no rule joined: the review queue. */
export interface SuggestionDocument {
  _id: string;
  tenantId: string;
  a: string;
  b: string;
  score: number;
  reasons: string[];
  /**
   * `merged`: scored above the automatic threshold and merged (a must-link); `reject` undoes it.
   * `joined`: closed without a decision, because the pair ended up in one profile otherwise (a
   * shared identifier, the model on another pair, staff on another pair).
   */
  status: 'open' | 'merged' | 'accepted' | 'rejected' | 'joined';
  createdAt: Date;
  decidedAt: Date | null;
  actor: string | null;
}

/** The tenant's suggestion model as last estimated (`suggestions.estimate`): `_id` is the tenant. */
export interface MatchModelDocument extends MatchModel {
  _id: string;
}

/** The retailer's own guards and e-mail rules, over the service's defaults. */
export interface TenantSettingsDocument {
  _id: string;
  limits: Record<string, number>;
  junkK: number | null;
  blocklist: { type: string; value?: string; prefix?: string }[];
  email: { gmailDots: boolean; plusTags: boolean };
  updatedAt: Date;
}

const options = (collection: string) => ({ collection, versionKey: false as const, minimize: false });

const overrideSchema = new Schema<OverrideDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    kind: { type: String, required: true },
    a: { type: String, required: true },
    b: { type: String, required: true },
    actor: { type: String, required: true },
    note: { type: String, default: null },
    at: { type: Date, required: true },
  },
  options('overrides'),
);

const quarantineSchema = new Schema<QuarantineEntryDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    type: { type: String, required: true },
    reason: { type: String, required: true },
    profilesJoined: { type: Number, default: null },
    actor: { type: String, default: null },
    at: { type: Date, required: true },
  },
  options('quarantine_report'),
);
// The weekly data-quality report reads a tenant's quarantined identifiers.
quarantineSchema.index({ tenantId: 1 });

const suggestionSchema = new Schema<SuggestionDocument>(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    a: { type: String, required: true },
    b: { type: String, required: true },
    score: { type: Number, required: true },
    reasons: { type: [String], default: [] },
    status: { type: String, required: true },
    createdAt: { type: Date, required: true },
    decidedAt: { type: Date, default: null },
    actor: { type: String, default: null },
  },
  options('suggestions'),
);
suggestionSchema.index({ tenantId: 1, status: 1 });
suggestionSchema.index({ tenantId: 1 });

const settingsSchema = new Schema<TenantSettingsDocument>(
  {
    _id: { type: String, required: true },
    limits: { type: Schema.Types.Mixed, default: {} },
    junkK: { type: Number, default: null },
    blocklist: { type: Schema.Types.Mixed, default: [] },
    email: { type: Schema.Types.Mixed, default: { gmailDots: false, plusTags: false } },
    updatedAt: { type: Date, required: true },
  },
  options('tenant_settings'),
);

const matchModelSchema = new Schema<MatchModelDocument>(
  {
    _id: { type: String, required: true },
    lambda: { type: Schema.Types.Mixed, required: true },
    m: { type: Schema.Types.Mixed, required: true },
    u: { type: Schema.Types.Mixed, required: true },
    uSameName: { type: Schema.Types.Mixed },
    thresholds: { type: Schema.Types.Mixed, required: true },
    source: { type: String, required: true },
    estimatedAt: { type: Date, default: null },
    basis: { type: Schema.Types.Mixed, default: null },
  },
  options('match_models'),
);

export function staffModels(connection: Connection) {
  return {
    Overrides: modelOn(connection, 'Override', overrideSchema),
    Quarantine: modelOn(connection, 'QuarantineEntry', quarantineSchema),
    Suggestions: modelOn(connection, 'Suggestion', suggestionSchema),
    Settings: modelOn(connection, 'TenantSettings', settingsSchema),
    MatchModels: modelOn(connection, 'MatchModel', matchModelSchema),
  };
}
export type StaffModels = ReturnType<typeof staffModels>;
