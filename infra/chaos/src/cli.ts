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
console.error(`chaos: seed ${options.seed} (replay with --seed ${options.seed})`);
try {
  const report = await runChaos(options, chaosLogger());
  console.log(formatReport(report));
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(error);
  process.exit(1);
}
