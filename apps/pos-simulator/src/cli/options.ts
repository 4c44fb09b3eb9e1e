import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

export const usage = `Usage: pnpm simulate -- [options]

Plays Italian retail traffic (till sales and returns, QR claims, redemptions, web-shop orders)
against a running stack through its public APIs, then reports counts and latencies.

  --rate <n>                arrivals per second (sales, returns, web orders); default 5
  --duration <time>         how long to run, e.g. 90s, 2m, 500ms; default 60s
  --count <n>               how many arrivals instead (the first of --count/--duration reached ends the run)
  --seed <text>             replay the same traffic; default random (printed in the report)
  --store <id>              sell only in this store (MI-001, RM-001, NA-001, RM-101, NA-101)
  --tenant <id>             sell only in this brand's stores (moda-rossi, mercato-esposito)
  --stack <file>            the running stack's description; default .stack/stack.json at the repo root
  --receipt-url <url>       instead of the stack file (with --service-token)
  --loyalty-url <url>       redemptions at the till; none without it
  --reconciliation-url <url> web-shop orders; none without it
  --service-token <token>   loyalty and web-shop calls (tills, the web shop)
  --staff-token <token>     back-office setup (stores, till keys): an admin's staff token; default
                            SCONTRINO_STAFF_TOKEN, else the stack file's admin token
  --skip-loyalty            no redemptions even when the stack runs the loyalty service
  --skip-reconciliation     no web-shop orders even when the stack runs the reconciliation service
  --members <n>             loyalty members per brand; default 300
  --max-in-flight <n>       arrivals running at once at most (more are dropped and counted); default 256
  --timeout <time>          per request; default 10s
  --claim-limit <n>         QR claims per 15 minutes (0: none); default: no limit
  --points-every <n>        watch one in n card sales until its points show on the receipt (sale → points
                            visible latency; members must be enrolled, as the demo data does); default off
  --run-id <id>             names the run in transaction ids; default from the clock
  --json                    print the report as JSON
  --quiet                   no progress bar
  --help                    this text

Exit code: 0, or 1 when a request failed unexpectedly (5xx or no answer), 2 on bad options.`;

export interface CliOptions {
  rate: number;
  count?: number;
  durationMs?: number;
  seed?: string;
  storeId?: string;
  tenantId?: string;
  stackPath: string;
  receiptUrl?: string;
  loyaltyUrl?: string;
  reconciliationUrl?: string;
  serviceToken?: string;
  staffToken?: string;
  skipLoyalty: boolean;
  skipReconciliation: boolean;
  membersPerBrand?: number;
  maxInFlight?: number;
  timeoutMs?: number;
  claimLimit?: number;
  pointsEvery?: number;
  runId?: string;
  json: boolean;
  progress: boolean;
}

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

const DEFAULT_DURATION_MS = 60_000;

/** "90s", "2m", "500ms", "1h" or a number of seconds, in milliseconds. */
export function parseDuration(text: string): number {
  const match = /^(\d+(?:\.\d+)?)(ms|s|m|h)?$/.exec(text.trim());
  if (!match) throw new UsageError(`"${text}" is not a duration (e.g. 60s, 2m, 500ms)`);
  const factor = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 }[(match[2] ?? 's') as 'ms' | 's' | 'm' | 'h'];
  const ms = Number(match[1]) * factor;
  if (ms <= 0) throw new UsageError(`"${text}" must be above zero`);
  return ms;
}

function positive(
  name: string,
  text: string | undefined,
  integer: boolean,
  orZero = false,
): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (
    !Number.isFinite(value) ||
    value < 0 ||
    (value === 0 && !orZero) ||
    (integer && !Number.isInteger(value))
  )
    throw new UsageError(
      `--${name} must be a positive ${integer ? 'whole number' : 'number'}, got "${text}"`,
    );
  return value;
}

/**
 * The command line, checked. `null` for --help. Relative paths start at `invocationDir`; the
 * stack file defaults to `<repoRoot>/.stack/stack.json`.
 */
export function parseCliOptions(
  argv: readonly string[],
  paths: { invocationDir: string; repoRoot: string },
): CliOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      // `pnpm simulate -- --rate 5` passes the `--` along.
      args: argv.filter((arg) => arg !== '--'),
      strict: true,
      options: {
        rate: { type: 'string' },
        duration: { type: 'string' },
        count: { type: 'string' },
        seed: { type: 'string' },
        store: { type: 'string' },
        tenant: { type: 'string' },
        stack: { type: 'string' },
        'receipt-url': { type: 'string' },
        'loyalty-url': { type: 'string' },
        'reconciliation-url': { type: 'string' },
        'service-token': { type: 'string' },
        'staff-token': { type: 'string' },
        'skip-loyalty': { type: 'boolean', default: false },
        'skip-reconciliation': { type: 'boolean', default: false },
        members: { type: 'string' },
        'max-in-flight': { type: 'string' },
        timeout: { type: 'string' },
        'claim-limit': { type: 'string' },
        'points-every': { type: 'string' },
        'run-id': { type: 'string' },
        json: { type: 'boolean', default: false },
        quiet: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;

  const count = positive('count', values.count, true);
  const durationMs = values.duration !== undefined ? parseDuration(values.duration) : undefined;
  const stack = values.stack;
  const options: CliOptions = {
    rate: positive('rate', values.rate, false) ?? 5,
    ...(count !== undefined && { count }),
    ...((durationMs !== undefined || count === undefined) && {
      durationMs: durationMs ?? DEFAULT_DURATION_MS,
    }),
    stackPath:
      stack === undefined
        ? join(paths.repoRoot, '.stack', 'stack.json')
        : isAbsolute(stack)
          ? stack
          : resolve(paths.invocationDir, stack),
    skipLoyalty: values['skip-loyalty'],
    skipReconciliation: values['skip-reconciliation'],
    json: values.json,
    progress: !values.quiet,
  };
  const optional = {
    seed: values.seed,
    storeId: values.store,
    tenantId: values.tenant,
    receiptUrl: values['receipt-url'],
    loyaltyUrl: values['loyalty-url'],
    reconciliationUrl: values['reconciliation-url'],
    serviceToken: values['service-token'],
    staffToken: values['staff-token'],
    runId: values['run-id'],
    membersPerBrand: positive('members', values.members, true),
    maxInFlight: positive('max-in-flight', values['max-in-flight'], true),
    timeoutMs: values.timeout !== undefined ? parseDuration(values.timeout) : undefined,
    claimLimit: positive('claim-limit', values['claim-limit'], true, true),
    pointsEvery: positive('points-every', values['points-every'], true),
  };
  for (const [key, value] of Object.entries(optional))
    if (value !== undefined) Object.assign(options, { [key]: value });
  if (options.runId !== undefined && !/^[A-Za-z0-9]{1,16}$/.test(options.runId))
    throw new UsageError('--run-id must be 1–16 letters or digits');
  return options;
}
