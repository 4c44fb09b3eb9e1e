import { readFile } from 'node:fs/promises';

/**
 * A process's peak resident set so far (`VmHWM`), in MB; null where /proc is not there (not
 * Linux) or the process is gone.
 */
export async function peakRssMb(pid: number): Promise<number | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status && /^VmHWM:\s+(\d+)\s+kB/m.exec(status)?.[1];
  return kb ? Math.round(Number(kb) / 1024) : null;
}
