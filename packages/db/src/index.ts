export { closeDatabase, connectDatabase, DEFAULT_CONNECT_RETRY } from './connect.js';
export type { ConnectDatabaseOptions, ConnectRetryOptions } from './connect.js';
export { isDuplicateKeyError } from './errors.js';
export { guardedUpsert } from './guarded-upsert.js';
export { isDatabaseReachable } from './health.js';
export { ensureIndexes } from './indexes.js';
export { redactUri } from './redact-uri.js';
export { erasureOutcomes, type ErasureOutcome, type ErasureOutcomes } from './erasure-outcomes.js';
export { type EncryptedCollection, type EncryptedField, valuesAt } from './encrypted-paths.js';
export {
  DEFAULT_REENCRYPTION_BATCH,
  reencryptCollections,
  type ReencryptionCipher,
  type ReencryptionCounts,
  type ReencryptOptions,
} from './reencrypt.js';
export { runReencryptionCli, type ReencryptionCliOptions } from './reencrypt-cli.js';
export {
  groupCommit,
  insertEach,
  type GroupCommit,
  type GroupCommitOptions,
  type InsertOutcome,
} from './group-commit.js';
export { oneWriterPerDocument, type OneWriterPerDocument } from './one-writer-per-document.js';
export { modelOn } from './model-on.js';
