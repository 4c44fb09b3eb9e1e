export { auditLog, type AuditLog, type AuditQuery, type StoredAuditEntry } from './audit-log.js';
export { auditEntryView, auditSearchInput, createAuditRouter } from './audit-router.js';
export { auditEntryJsonSchema, auditExportOpenApi } from './export-openapi.js';
export { mountAuditExport } from './export-route.js';
export { AUDIT_RETENTION_DAYS, auditRetention } from './retention.js';
