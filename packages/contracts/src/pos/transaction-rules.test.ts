import { describe, expect, it } from 'vitest';
import { docSale, issuesOf, NOW, pointersOf } from './test-fixtures.js';
import { checkOccurredAt } from './transaction-rules.js';

const at = (occurredAt: string) => ({ ...docSale(), occurredAt });

describe('rule 6: occurredAt', () => {
  it('accepts up to 5 minutes ahead of the server clock, whatever the offset', () => {
    expect(pointersOf(at('2026-11-22T10:25:00+01:00'))).toEqual([]);
    expect(pointersOf(at('2026-11-22T09:25:00Z'))).toEqual([]);
  });

  it('accepts sales up to 400 days old: an offline terminal sends them late', () => {
    expect(pointersOf(at('2026-10-01T08:00:00+02:00'))).toEqual([]);
    expect(pointersOf(at('2025-10-18T09:20:00Z'))).toEqual([]);
  });

  it('when older than the window, then occurredAt is reported under its own rule', () => {
    const issues = issuesOf(at('1970-01-01T00:00:00Z'));
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([['occurredAt', 'occurred_at_past']]);
    expect(issues[0]?.message).toBe(
      'expected at most 400 days before 2026-11-22T09:20:00.000Z, got 1970-01-01T00:00:00Z (20779 days ago)',
    );
    expect(pointersOf(at('2025-10-18T09:19:59Z'))).toEqual(['occurredAt']);
  });

  it('judges against the window it is given', () => {
    const window = { maxAgeMs: 86_400_000, maxLeadMs: 30_000 };
    const check = (occurredAt: string) =>
      checkOccurredAt(at(occurredAt), { now: NOW, occurredAtWindow: window }).map((issue) => issue.code);
    expect(check('2026-11-21T09:20:00Z')).toEqual([]);
    expect(check('2026-11-21T09:19:59Z')).toEqual(['occurred_at_past']);
    expect(check('2026-11-22T09:20:30Z')).toEqual([]);
    expect(check('2026-11-22T09:20:31Z')).toEqual(['occurred_at_future']);
  });

  it('when more than 5 minutes ahead, then occurredAt is reported with both times', () => {
    const issues = issuesOf(at('2026-11-22T10:25:01+01:00'));
    expect(issues.map((issue) => [issue.pointer, issue.code])).toEqual([
      ['occurredAt', 'occurred_at_future'],
    ]);
    expect(issues[0]?.message).toBe(
      'expected at most 5 minutes after 2026-11-22T09:20:00.000Z, got 2026-11-22T10:25:01+01:00 (301 s ahead)',
    );
  });

  it('when the offset is missing, then the shape check reports occurredAt', () => {
    expect(issuesOf(at('2026-11-22T10:15:30')).map((issue) => [issue.pointer, issue.code])).toEqual([
      ['occurredAt', 'invalid_format'],
    ]);
  });

  it('judges against the injected clock', () => {
    expect(checkOccurredAt(docSale(), { now: new Date('2026-11-22T09:00:00Z') })).toHaveLength(1);
    expect(checkOccurredAt(docSale(), { now: NOW })).toEqual([]);
  });
});
