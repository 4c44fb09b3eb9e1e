import { chaosLogger } from './cli-logger.js';
import { parseOptions, USAGE } from './options.js';
import { runChaos } from './run-chaos.js';
import { formatReport } from './table.js';

let options;
try {
  options = parseOptions(process.argv.slice(2).filter((arg) => arg !== '--'));
} catch (error) {
  console.error(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (options === 'help') {
  console.log(USAGE);
  process.exit(0);
}
const seed = options.seed;
console.error(`chaos: seed ${seed} (replay with --seed ${seed})`);
if (options.serviceLog) console.error(`chaos: the services' output goes to ${options.serviceLog}`);
// Ctrl-C or SIGTERM mid-run: stop the stack and Toxiproxy, drop the run's database, then exit.
let cleanup: (() => Promise<void>) | undefined;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const)
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    console.error(`chaos: ${signal}, stopping (replay with --seed ${seed})`);
    void (cleanup?.() ?? Promise.resolve()).finally(() => process.exit(130));
  });
try {
  const report = await runChaos(options, chaosLogger(options.serviceLog), {
    onCleanup: (given) => (cleanup = given),
  });
  console.log(formatReport(report));
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(error);
  process.exit(1);
}
