import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The repository's root: the layer rules' globs and the cycle check's paths are relative to it. */
export const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

const depcruise = fileURLToPath(
  new URL('../node_modules/dependency-cruiser/bin/dependency-cruise.mjs', import.meta.url),
);

export interface CycleCheck {
  ok: boolean;
  /** What dependency-cruiser printed: each cycle as the chain of files that closes it. */
  report: string;
}

/** Runs the cycle check (infra/shape/dependency-cruiser.mjs) over the given folders of the repo. */
export function checkCycles(folders: readonly string[], exclude?: string): Promise<CycleCheck> {
  const args = [depcruise, '--config', 'infra/shape/dependency-cruiser.mjs', '--output-type', 'err'];
  if (exclude !== undefined) args.push('--exclude', exclude);
  return new Promise((resolve, reject) => {
    execFile(process.execPath, [...args, ...folders], { cwd: repoRoot }, (error, stdout, stderr) => {
      if (error && typeof error.code !== 'number') {
        reject(new Error(`dependency-cruiser did not run: ${error.message}`, { cause: error }));
        return;
      }
      resolve({ ok: error === null, report: `${stdout}${stderr}` });
    });
  });
}
