import { hasPermission } from '@scontrino/staff-access';
import { type CallerCredentials, identifyCaller, requireScope } from '@scontrino/trpc';
import type { Express, Response } from 'express';
import { type z } from 'zod';
import type { AuditLog } from './audit-log.js';
import { auditQueryOf, auditSearchInput } from './audit-router.js';

export const exportQuery = auditSearchInput.pick({
  tenantId: true,
  from: true,
  to: true,
  actor: true,
  action: true,
  outcome: true,
});

function refuse(res: Response, status: number, code: string, message: string, requestId: string) {
  res.status(status).json({ error: { code, message, requestId, issues: [] } });
}

/**
 * `GET /v1/audit/export`: the audit log as NDJSON, oldest first, filtered like `audit.search`
 * (`?from=…&to=…&tenantId=…`), for an auditor's tools. Admins only; the export is itself logged.
 */
export function mountAuditExport(app: Express, deps: { log: AuditLog; credentials: CallerCredentials }) {
  app.get('/v1/audit/export', async (req, res) => {
    const requestId = String(res.getHeader('X-Request-Id') ?? '');
    const caller = await identifyCaller(req.headers.authorization, deps.credentials);
    if (caller.kind !== 'staff')
      return refuse(res, 401, 'auth.staff_token_required', 'Send a valid staff token as a bearer', requestId);
    const parsed = exportQuery.safeParse(req.query);
    if (!parsed.success)
      return res.status(422).json({
        error: {
          code: 'request.invalid',
          message: 'Invalid query',
          requestId,
          issues: parsed.error.issues.map((issue) => ({
            path: issue.path.join('.'),
            code: issue.code,
            message: issue.message,
          })),
        },
      });
    const allowed = hasPermission(caller.staff, 'audit.read');
    const outOfScope = (() => {
      if (!allowed || parsed.data.tenantId === undefined) return false;
      try {
        requireScope({ caller }, { tenantId: parsed.data.tenantId });
        return false;
      } catch {
        return true;
      }
    })();
    await deps.log.record({
      at: new Date(),
      actor: { subject: caller.staff.subject, name: caller.staff.name, roles: caller.staff.roles },
      action: 'audit.export',
      kind: 'read',
      tenantId: parsed.data.tenantId ?? null,
      target: parsed.data.tenantId ? { tenantId: parsed.data.tenantId } : {},
      reason: null,
      outcome: allowed && !outOfScope ? 'ok' : 'refused',
      errorCode: allowed && !outOfScope ? null : 'auth.forbidden',
      requestId,
    });
    if (!allowed || outOfScope)
      return refuse(
        res,
        403,
        'auth.forbidden',
        'The audit export needs the audit.read permission for this tenant',
        requestId,
      );

    res.status(200).type('application/x-ndjson');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.ndjson"');
    for await (const entry of deps.log.stream(auditQueryOf(caller, parsed.data)))
      if (!res.write(`${JSON.stringify({ ...entry, at: entry.at.toISOString() })}\n`))
        await new Promise((resolve) => res.once('drain', resolve));
    res.end();
  });
}

export type AuditExportQuery = z.input<typeof exportQuery>;
