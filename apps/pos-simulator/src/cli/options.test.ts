import { describe, expect, it } from 'vitest';
import { parseCliOptions, parseDuration, UsageError } from './options.js';

const paths = { invocationDir: '/home/me/work', repoRoot: '/repo' };
const parse = (...argv: string[]) => parseCliOptions(argv, paths);

describe('command line', () => {
  it('when nothing is given, then 5 arrivals per second for 60 s against the repo’s stack file', () => {
    expect(parse()).toEqual({
      rate: 5,
      durationMs: 60_000,
      stackPath: '/repo/.stack/stack.json',
      skipLoyalty: false,
      skipReconciliation: false,
      json: false,
      progress: true,
    });
  });

  it('when pnpm passes "--" along with options, then they are read', () => {
    expect(
      parse(
        '--',
        '--rate',
        '12.5',
        '--count',
        '10000',
        '--seed',
        'demo',
        '--store',
        'MI-001',
        '--json',
        '--quiet',
      ),
    ).toMatchObject({
      rate: 12.5,
      count: 10_000,
      seed: 'demo',
      storeId: 'MI-001',
      json: true,
      progress: false,
    });
  });

  it('when only a count is given, then no duration bounds the run; both may be given', () => {
    expect(parse('--count', '30')).not.toHaveProperty('durationMs');
    expect(parse('--count', '30', '--duration', '2m')).toMatchObject({ count: 30, durationMs: 120_000 });
  });

  it('when URLs and a token are given, then they are kept as given', () => {
    expect(
      parse(
        '--receipt-url',
        'http://127.0.0.1:4001',
        '--service-token',
        'tok',
        '--skip-loyalty',
        '--timeout',
        '2s',
      ),
    ).toMatchObject({
      receiptUrl: 'http://127.0.0.1:4001',
      serviceToken: 'tok',
      skipLoyalty: true,
      timeoutMs: 2000,
    });
  });

  it('when a relative stack file is named, then it is found from where the command was typed', () => {
    expect(parse('--stack', 'other/stack.json')?.stackPath).toBe('/home/me/work/other/stack.json');
    expect(parse('--stack', '/tmp/stack.json')?.stackPath).toBe('/tmp/stack.json');
  });

  it('when --help is given, then there is nothing to run', () => {
    expect(parse('--help')).toBeNull();
  });

  it('when an option is wrong, then a usage error names it', () => {
    expect(() => parse('--rate', 'fast')).toThrow(UsageError);
    expect(() => parse('--rate', '0')).toThrow('--rate must be a positive number');
    expect(() => parse('--count', '1.5')).toThrow('--count must be a positive whole number');
    expect(() => parse('--duration', 'soon')).toThrow('"soon" is not a duration');
    expect(() => parse('--run-id', 'a-b')).toThrow('--run-id');
    expect(() => parse('--colour')).toThrow(UsageError);
  });

  it('when durations are written several ways, then they are read in milliseconds', () => {
    expect([parseDuration('500ms'), parseDuration('90s'), parseDuration('2m'), parseDuration('1h')]).toEqual([
      500, 90_000, 120_000, 3_600_000,
    ]);
    expect(parseDuration('15')).toBe(15_000);
  });
});
