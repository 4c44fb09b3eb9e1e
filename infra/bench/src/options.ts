import { parseArgs } from 'node:util';

export interface BenchOptions {
  quick: boolean;
  /** Sales stored in the receipt database before measuring. */
  storedSales: number;
  connections: number;
  ingestSeconds: number;
  /** Ingest stops early past this many sales, so that their pipeline work drains in a bounded time. */
  ingestMaxSales: number;
  insertManyBatch: number;
  stepSeconds: number;
  /** First rate of the pipeline's ladder and the factor between steps. */
  firstRate: number;
  rateFactor: number;
  /** The ladder's top; default the ingest rate just measured. */
  maxRate: number | null;
  backlogSeconds: number;
  drainSeconds: number;
  pointsSeconds: number;
  members: number;
  tillsPerStore: number;
  reconciliationSeconds: number;
  reencryptionMembers: number;
  /** The services from their tsup builds, as production runs them, or from source under tsx (`--tsx`). */
  servicesFrom: 'build' | 'source';
  /** Where performance.md and performance.json go; null prints only. */
  outDir: string | null;
}

export const USAGE = `usage: pnpm bench [-- options]

  --quick                   the same table in under 3 minutes (shorter phases, fewer members)
  --stored-sales N          store N sales in the receipt database first (insertMany), then measure;
                            writes performance-stored-sales.md/.json beside an empty-database run's
  --connections N           concurrency of the raw ceiling and of ingest (10)
  --ingest-seconds S        length of the ingest burst (15; quick 5), ending early past
                            20,000 sales (quick 1,500)
  --step-seconds S          length of each pipeline rate step (15; quick 5)
  --first-rate N            the first step's sales per second (5)
  --rate-factor F           between steps (1.5; quick 2)
  --max-rate N              the last step at most (the ingest rate measured)
  --members N               loyalty members the sales are spread over (200; quick 50)
  --tills N                 till keys per store, 3 stores (20; quick 8)
  --reencrypt-members N     members re-encrypted (5000; quick 300)
  --tsx                     run the services from source under tsx (as \`npm start\` does), not from
                            their tsup builds (what production runs), which the bench makes first
  --out DIR                 where to write the docs (docs/ of the repository)
  --no-write                print the table only
  --help                    this text`;

export class UsageError extends Error {
  override readonly name = 'UsageError';
}

function whole(name: string, text: string | undefined, fallback: number, min = 1): number {
  if (text === undefined) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min)
    throw new UsageError(`--${name} must be a whole number of at least ${min}, not "${text}"`);
  return value;
}

/** The command line, with `--` (which `pnpm bench -- …` passes along) ignored. Null for `--help`. */
export function parseBenchOptions(argv: readonly string[], defaultOutDir: string): BenchOptions | null {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv.filter((arg) => arg !== '--'),
      options: {
        quick: { type: 'boolean', default: false },
        'stored-sales': { type: 'string' },
        connections: { type: 'string' },
        'ingest-seconds': { type: 'string' },
        'step-seconds': { type: 'string' },
        'first-rate': { type: 'string' },
        'rate-factor': { type: 'string' },
        'max-rate': { type: 'string' },
        members: { type: 'string' },
        tills: { type: 'string' },
        'reencrypt-members': { type: 'string' },
        tsx: { type: 'boolean', default: false },
        out: { type: 'string' },
        'no-write': { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    }));
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
  if (values.help) return null;
  const quick = values.quick;
  const factorText = values['rate-factor'];
  const rateFactor = factorText === undefined ? (quick ? 2 : 1.5) : Number(factorText);
  if (!(rateFactor > 1)) throw new UsageError(`--rate-factor must be above 1, not "${factorText}"`);
  const stepSeconds = whole('step-seconds', values['step-seconds'], quick ? 5 : 15);
  return {
    quick,
    storedSales: whole('stored-sales', values['stored-sales'], 0, 0),
    connections: whole('connections', values.connections, 10),
    ingestSeconds: whole('ingest-seconds', values['ingest-seconds'], quick ? 5 : 15),
    ingestMaxSales: quick ? 1_500 : 20_000,
    insertManyBatch: 100,
    stepSeconds,
    firstRate: whole('first-rate', values['first-rate'], 5),
    rateFactor,
    maxRate: values['max-rate'] === undefined ? null : whole('max-rate', values['max-rate'], 0),
    backlogSeconds: 3,
    drainSeconds: quick ? 20 : 60,
    pointsSeconds: quick ? 5 : 20,
    members: whole('members', values.members, quick ? 50 : 200),
    tillsPerStore: whole('tills', values.tills, quick ? 8 : 20),
    reconciliationSeconds: quick ? 5 : 20,
    reencryptionMembers: whole('reencrypt-members', values['reencrypt-members'], quick ? 300 : 5000),
    servicesFrom: values.tsx ? 'source' : 'build',
    outDir: values['no-write'] ? null : (values.out ?? defaultOutDir),
  };
}
