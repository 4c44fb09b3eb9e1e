import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time needs. */
export interface CpuProfile {
  /** Monotonic clock, µs (the clock of `process.hrtime`, the same in every process of the machine). */
  startTime: number;
  nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number } }[];
  samples: number[];
  timeDeltas: number[];
}

export interface SelfTime {
  /** `function (file:line)`, the file relative to the repository or to node_modules. */
  name: string;
  ms: number;
  share: number;
}

/**
 * Where the process spent its own time: each sample's interval goes to the function on top of the
 * stack, summed by function (a function reached by several paths counts once), largest first.
 * Only the samples inside `window` (µs of the monotonic clock) count; idle time never does, so
 * each share is of the time the process was busy.
 */
export function topSelfTime(
  profile: CpuProfile,
  count: number,
  window: { from: number; to: number } = { from: 0, to: Number.POSITIVE_INFINITY },
): SelfTime[] {
  const frameOf = new Map(profile.nodes.map((node) => [node.id, node.callFrame]));
  const totals = new Map<string, number>();
  let all = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, index) => {
    const micros = profile.timeDeltas[index] ?? 0;
    at += micros;
    const frame = frameOf.get(id);
    if (!frame || frame.functionName === '(idle)' || at < window.from || at > window.to) return;
    const name = `${frame.functionName || '(anonymous)'} (${shortFile(frame.url)}${frame.url ? `:${frame.lineNumber + 1}` : ''})`;
    totals.set(name, (totals.get(name) ?? 0) + micros);
    all += micros;
  });
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: all === 0 ? 0 : micros / all }));
}

function shortFile(url: string): string {
  const path = url.replace(/^file:\/\//, '');
  const inModules = path.lastIndexOf('/node_modules/');
  if (inModules !== -1)
    return path.slice(inModules + '/node_modules/'.length).replace(/^\.pnpm\/[^/]+\/node_modules\//, '');
  const inRepo = /\/(apps|packages|infra)\/.*$/.exec(path);
  return inRepo ? inRepo[0].slice(1) : path;
}

/**
 * The main thread's profile of the newest process in `dir`: `CPU.<date>.<time>.<pid>.<thread>.<n>`,
 * thread 0 (tsx's loader runs in a worker thread of its own).
 */
export async function mainThreadProfile(dir: string): Promise<CpuProfile> {
  const names = (await readdir(dir)).filter((name) => /\.\d+\.0\.\d+\.cpuprofile$/.test(name)).sort();
  const newest = names.at(-1);
  if (!newest) throw new Error(`no main-thread .cpuprofile in ${dir}`);
  return JSON.parse(await readFile(join(dir, newest), 'utf8')) as CpuProfile;
}
