import { readdir, readFile } from 'node:fs/promises';

/** A process's resident memory (MB) and open file descriptors (sockets, files), from /proc; null elsewhere. */
export async function resourcesOf(pid: number): Promise<{ rssMb: number; handles: number } | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  const kb = status && /^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1];
  const fds = await readdir(`/proc/${pid}/fd`).catch(() => null);
  if (!kb || !fds) return null;
  return { rssMb: Math.round(Number(kb) / 1024), handles: fds.length };
}
