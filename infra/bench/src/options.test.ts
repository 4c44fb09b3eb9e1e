import { describe, expect, it } from 'vitest';
import { parseBenchOptions, UsageError } from './options.js';

const parse = (...argv: string[]) => parseBenchOptions(argv, '/repo/docs');

describe('bench options', () => {
  it('by default runs the full bench and writes into docs/', () => {
    expect(parse()).toMatchObject({
      quick: false,
      storedSales: 0,
      connections: 10,
      ingestSeconds: 15,
      stepSeconds: 15,
      rateFactor: 1.5,
      maxRate: null,
      members: 200,
      servicesFrom: 'build',
      outDir: '/repo/docs',
    });
  });

  it('with --quick (after the `--` pnpm passes along), then every phase is shorter', () => {
    expect(parse('--', '--quick')).toMatchObject({
      quick: true,
      ingestSeconds: 5,
      stepSeconds: 5,
      rateFactor: 2,
      members: 50,
      reencryptionMembers: 300,
    });
  });

  it('takes the stored sales, explicit lengths over the quick ones, and --no-write', () => {
    expect(
      parse('--quick', '--stored-sales', '1000000', '--step-seconds', '6', '--max-rate', '40', '--no-write'),
    ).toMatchObject({ storedSales: 1_000_000, stepSeconds: 6, maxRate: 40, outDir: null });
    expect(parse('--tsx')).toMatchObject({ servicesFrom: 'source' });
  });

  it('when a value is not a whole number in range, or an option is unknown, then it is a usage error naming it', () => {
    expect(() => parse('--connections', '0')).toThrow(
      new UsageError('--connections must be a whole number of at least 1, not "0"'),
    );
    expect(() => parse('--stored-sales', '1e6x')).toThrow(/--stored-sales/);
    expect(() => parse('--rate-factor', '1')).toThrow(/--rate-factor must be above 1/);
    expect(() => parse('--fast')).toThrow(UsageError);
  });

  it('with --help, then there is nothing to run', () => {
    expect(parse('--help')).toBeNull();
  });
});
