/** The services whose audit logs the viewer reads (each keeps its own, `audit.search`). */
export const auditServices = ['receipt', 'loyalty', 'reconciliation'] as const;
export type AuditService = (typeof auditServices)[number];

/**
 * Where each service's log is read from next: `undefined` from its newest entry, an entry id to
 * continue before it, null when that log has no more entries for the filters.
 */
export type AuditPosition = Partial<Record<AuditService, string | null>>;

interface Page<E> {
  entries: E[];
  nextCursor: string | null;
}

/**
 * One page across several services' logs, newest first: the services' pages (each read from its
 * `asked` position, `limit` long) merged by entry id (`<ISO time>-<random>`, so ids sort by time),
 * the first `limit` kept, and where each service continues: before its last entry shown, at the
 * same place when none of its entries made the page, done when it has nothing more. `next` is
 * null when every log is done.
 */
export function mergeAuditPages<E extends { id: string }>(
  asked: AuditPosition,
  pages: Partial<Record<AuditService, Page<E>>>,
  limit: number,
): { entries: (E & { from: AuditService })[]; next: AuditPosition | null } {
  const all = auditServices.flatMap((service) =>
    (pages[service]?.entries ?? []).map((entry) => ({ ...entry, from: service })),
  );
  all.sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  const entries = all.slice(0, limit);
  const next: AuditPosition = {};
  for (const service of auditServices) {
    if (!(service in asked)) continue;
    const page = pages[service];
    if (asked[service] === null || !page) {
      next[service] = null;
      continue;
    }
    const shown = entries.filter((entry) => entry.from === service);
    if (shown.length === page.entries.length) next[service] = page.nextCursor;
    else next[service] = shown.at(-1)?.id ?? asked[service];
  }
  const more = Object.values(next).some((position) => position !== null);
  return { entries, next: more ? next : null };
}

/** The most entries one CSV export gathers (page after page); the file says when it stopped there. */
export const AUDIT_EXPORT_MAX = 5_000;
