import { readdir, readFile } from 'node:fs/promises';

/** Clock ticks per second of /proc's utime and stime (USER_HZ, 100 on Linux). */
const TICKS_PER_SECOND = 100;

/** CPU time a process has used so far, ms (user + system, from /proc); null once it is gone. */
export async function processCpuMs(pid: number): Promise<number | null> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => null);
  // utime and stime are fields 14 and 15 of stat, 12 and 13 after the command's closing parenthesis.
  const fields = stat?.slice(stat.lastIndexOf(') ') + 2).split(' ');
  if (!fields) return null;
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/** A process's resident set now and at its peak (`VmRSS`, `VmHWM`), MB; null once it is gone. */
export async function processRssMb(pid: number): Promise<{ rss: number; peak: number } | null> {
  const status = await readFile(`/proc/${pid}/status`, 'utf8').catch(() => null);
  if (!status) return null;
  const kb = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? 0);
  return { rss: kb('VmRSS') / 1024, peak: kb('VmHWM') / 1024 };
}

/**
 * The PostgreSQL backends serving one database: their process title is
 * `postgres: <cluster>: <user> <database> <client> <state>`. The server's shared processes (WAL
 * writer, checkpointer…) serve every database of the machine and are left out.
 */
export async function postgresBackends(database: string): Promise<number[]> {
  const pids: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const title = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    if (title.startsWith('postgres: ') && title.split(' ').includes(database)) pids.push(Number(entry));
  }
  return pids;
}

/**
 * CPU used by a set of processes between `snapshot()` and `since(snapshot)`, ms. A process that
 * appears in between (a backend FerretDB opened during the burst) counts from its start; one that
 * ended in between counts for nothing after the snapshot (its last figures are lost with it).
 */
export function cpuOfProcesses(list: () => Promise<number[]>) {
  return {
    async snapshot(): Promise<Map<number, number>> {
      const figures = new Map<number, number>();
      for (const pid of await list()) {
        const ms = await processCpuMs(pid);
        if (ms !== null) figures.set(pid, ms);
      }
      return figures;
    },
    async since(before: Map<number, number>): Promise<{ ms: number; processes: number }> {
      let ms = 0;
      let processes = 0;
      for (const pid of await list()) {
        const now = await processCpuMs(pid);
        if (now === null) continue;
        ms += now - (before.get(pid) ?? 0);
        processes += 1;
      }
      return { ms, processes };
    },
  };
}
