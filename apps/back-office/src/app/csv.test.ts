import { describe, expect, it } from 'vitest';
import { toCsv } from './csv.js';

describe('toCsv', () => {
  it('quotes what needs quoting and keeps numbers as they are', () => {
    expect(
      toCsv(
        ['day', 'note', 'sales'],
        [
          ['2026-11-22', 'a, "b"', 4],
          ['2026-11-23', null, 0],
        ],
      ),
    ).toBe('day,note,sales\r\n2026-11-22,"a, ""b""",4\r\n2026-11-23,,0\r\n');
  });

  it('defuses cells a spreadsheet would run as formulas', () => {
    expect(toCsv(['store'], [['=HYPERLINK("x")'], ['-1+1']])).toBe(
      'store\r\n"\'=HYPERLINK(""x"")"\r\n\'-1+1\r\n',
    );
  });
});
