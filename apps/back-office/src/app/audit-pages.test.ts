import { describe, expect, it } from 'vitest';
import { mergeAuditPages } from './audit-pages.js';

const entry = (id: string) => ({ id });

describe('one page across the services’ audit logs', () => {
  it('when two logs interleave, then the page is newest first and each log continues after its last entry shown', () => {
    const { entries, next } = mergeAuditPages(
      { receipt: undefined, loyalty: undefined, reconciliation: undefined },
      {
        receipt: {
          entries: [entry('2026-11-22T10:05'), entry('2026-11-22T10:01')],
          nextCursor: '2026-11-22T10:01',
        },
        loyalty: {
          entries: [entry('2026-11-22T10:04'), entry('2026-11-22T10:03')],
          nextCursor: '2026-11-22T10:03',
        },
        reconciliation: { entries: [], nextCursor: null },
      },
      2,
    );
    expect(entries.map((e) => [e.from, e.id])).toEqual([
      ['receipt', '2026-11-22T10:05'],
      ['loyalty', '2026-11-22T10:04'],
    ]);
    expect(next).toEqual({ receipt: '2026-11-22T10:05', loyalty: '2026-11-22T10:04', reconciliation: null });
  });

  it('when a log has nothing on the page, then it is read again from the same place', () => {
    const { entries, next } = mergeAuditPages(
      { receipt: 'r-9', loyalty: 'l-9' },
      {
        receipt: { entries: [entry('r-8'), entry('r-7')], nextCursor: 'r-7' },
        loyalty: { entries: [entry('l-1')], nextCursor: null },
      },
      2,
    );
    expect(entries.map((e) => e.id)).toEqual(['r-8', 'r-7']);
    expect(next).toEqual({ receipt: 'r-7', loyalty: 'l-9' });
  });

  it('when every log is read to its end, then there is no next page', () => {
    const { entries, next } = mergeAuditPages(
      { loyalty: undefined },
      { loyalty: { entries: [entry('a')], nextCursor: null } },
      50,
    );
    expect(entries).toEqual([{ id: 'a', from: 'loyalty' }]);
    expect(next).toBeNull();
  });
});
