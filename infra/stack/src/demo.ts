import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { repoRoot } from './paths.js';
import { tsxLoader } from './services.js';

/** The POS simulator's demo seeder: it fills the running stack through the services' public APIs. */
const demoCli = join(repoRoot, 'apps', 'pos-simulator', 'src', 'demo-cli.ts');

/**
 * Seeds the running stack with demo data and lets it print where to look. Its output goes to
 * this terminal as it is (a progress bar, then the demo's links). `signal` interrupts it (a
 * Ctrl-C reaches it anyway). Resolves with its exit code; a failed seed leaves the stack running.
 */
export function seedDemoData(stackFile: string, signal: AbortSignal): Promise<number> {
  const child = spawn(process.execPath, ['--import', tsxLoader, demoCli, '--stack', stackFile], {
    cwd: repoRoot,
    stdio: 'inherit',
    signal,
    killSignal: 'SIGINT',
  });
  return new Promise((resolve) => {
    child.once('error', () => resolve(1));
    child.once('exit', (code) => resolve(code ?? 1));
  });
}
