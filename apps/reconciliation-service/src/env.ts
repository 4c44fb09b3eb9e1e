import {
  cryptoEnv,
  envFragment,
  httpEnv,
  jsonVariable,
  mongoEnv,
  parseEnv,
  redisEnv,
  retentionEnv,
  runtimeEnv,
  serviceAuthEnv,
  staffAuthEnv,
  type EnvOf,
} from '@scontrino/config';
import { identifierTypes } from '@scontrino/identity';
import { z } from 'zod';
import { reconciliationRetentionDefaults } from './store/retention.js';

const limitsSchema = z.partialRecord(z.enum(identifierTypes), z.number().int().min(1).max(1000));

/**
 * The identity graph's guards for tenants without settings of their own (see docs/identity.md):
 * per-type limits as JSON (`{"email":3,"card":2}`, merged over the built-in defaults), the junk
 * threshold K, and extra blocklist entries as `type:value` or `type:prefix*`, comma-separated.
 */
const graphEnv = envFragment({
  shape: {
    GRAPH_LIMITS: jsonVariable('{"email":3,"card":2}').pipe(limitsSchema),
    GRAPH_JUNK_K: z.coerce.number({ error: 'must be a number' }).int().min(1).max(10_000),
    GRAPH_BLOCKLIST: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(
        z.array(
          z
            .string()
            .regex(
              new RegExp(`^(${identifierTypes.join('|')}):.+$`),
              'entries read type:value or type:prefix*',
            ),
        ),
      ),
  },
  defaults: { GRAPH_LIMITS: '{}', GRAPH_JUNK_K: '5', GRAPH_BLOCKLIST: ' ' },
});

/**
 * Inbox events handled at once. The linker takes the events held at once as one batch (one read
 * of each identifier, one insert of the observations, one write per changed document), so more
 * means fewer commands per event. Measured with the service's bench (docs/identity.md): till
 * sales linked per second at 1, 8, 16, 32, 64 were about 24, 57, 96, 107, 117.
 */
const inboxEnv = envFragment({
  shape: {
    INBOX_CONCURRENCY: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(1, 'must be between 1 and 64')
      .max(64, 'must be between 1 and 64'),
  },
  defaults: { INBOX_CONCURRENCY: '32' },
});

const serviceUrl = z
  .url({ error: 'must be a URL starting with http:// or https://' })
  .refine((value) => ['http:', 'https:'].includes(new URL(value).protocol), {
    error: 'must start with http:// or https://',
  });

/**
 * The peers a data-subject request asks (docs/security.md): where the loyalty and receipt
 * services answer tRPC, and how long each may take before the request answers 503 naming it.
 */
const privacyPeersEnv = envFragment({
  shape: {
    LOYALTY_SERVICE_URL: serviceUrl,
    RECEIPT_SERVICE_URL: serviceUrl,
    PRIVACY_PEER_TIMEOUT_MS: z.coerce
      .number({ error: 'must be a number' })
      .int('must be a whole number')
      .min(100, 'must be between 100 and 120000')
      .max(120_000, 'must be between 100 and 120000'),
  },
  defaults: { PRIVACY_PEER_TIMEOUT_MS: '10000' },
  devDefaults: { LOYALTY_SERVICE_URL: 'http://localhost:4002', RECEIPT_SERVICE_URL: 'http://localhost:4001' },
});

/**
 * The weekly audit report (docs/identity.md): the administrators it is e-mailed to
 * (comma-separated) and the SMTP relay; either empty, the report is only a page.
 */
const auditReportEnv = envFragment({
  shape: {
    AUDIT_REPORT_TO: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .pipe(z.array(z.email('must be e-mail addresses, comma-separated'))),
    AUDIT_REPORT_SMTP_URL: z
      .string()
      .trim()
      .refine((value) => value === '' || /^smtps?:\/\//.test(value), 'must start with smtp:// or smtps://'),
    AUDIT_REPORT_FROM: z.string().min(3),
  },
  defaults: {
    AUDIT_REPORT_TO: ' ',
    AUDIT_REPORT_SMTP_URL: ' ',
    AUDIT_REPORT_FROM: 'Scontrino <audit@scontrino.local>',
  },
});

const fragments = [
  runtimeEnv,
  httpEnv(4003),
  mongoEnv('scontrino_reconciliation'),
  redisEnv,
  serviceAuthEnv,
  staffAuthEnv,
  cryptoEnv,
  graphEnv,
  inboxEnv,
  privacyPeersEnv,
  auditReportEnv,
  retentionEnv(reconciliationRetentionDefaults),
] as const;

export type ReconciliationEnv = EnvOf<typeof fragments>;

/** Throws a ConfigError naming every bad variable. */
export function loadReconciliationEnv(
  source: Readonly<Record<string, string | undefined>> = process.env,
): ReconciliationEnv {
  return parseEnv('reconciliation-service', fragments, source);
}
