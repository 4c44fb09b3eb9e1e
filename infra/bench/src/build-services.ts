import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import type { ServiceDefinition } from '@scontrino/stack';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * Builds each service with its own `build` script (tsup, `dist/start.js`: what the images run),
 * so the bench measures the code production runs and never a stale build. pnpm is the one that
 * runs the bench (`npm_execpath`), or the one on PATH.
 */
export async function buildServices(services: readonly ServiceDefinition[]): Promise<void> {
  const filters = services.flatMap((service) => ['--filter', `./${service.appDir}`]);
  const pnpm = process.env.npm_execpath;
  const [command, args] =
    pnpm?.endsWith('.cjs') || pnpm?.endsWith('.js') ? [process.execPath, [pnpm]] : ['pnpm', []];
  try {
    await promisify(execFile)(command, [...args, ...filters, 'run', 'build'], {
      cwd: repoRoot,
      maxBuffer: 16 * 1024 * 1024,
    });
  } catch (error) {
    const output = error as { stdout?: string; stderr?: string; message: string };
    throw new Error(
      `building the services failed: ${output.message}\n${output.stdout ?? ''}${output.stderr ?? ''}`,
    );
  }
}
