import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';

/** The parts of a V8 `.cpuprofile` (what `node --cpu-prof` writes) that self time needs. */
export interface CpuProfile {
  /** Monotonic clock, µs (the clock of `process.hrtime`, the same in every process of the machine). */
  startTime: number;
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number };
    children?: number[];
  }[];
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

/** Each sample inside `window` with its interval and its stack, top (the running function) first. */
function* samplesOf(profile: CpuProfile, window: { from: number; to: number }) {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parentOf = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parentOf.set(child, node.id);
  let at = profile.startTime;
  for (const [index, id] of profile.samples.entries()) {
    const micros = profile.timeDeltas[index] ?? 0;
    at += micros;
    const top = byId.get(id);
    if (!top || top.callFrame.functionName === '(idle)' || at < window.from || at > window.to) continue;
    const stack: CpuProfile['nodes'][number]['callFrame'][] = [];
    for (let node: number | undefined = id; node !== undefined; node = parentOf.get(node)) {
      const frame = byId.get(node)?.callFrame;
      if (frame) stack.push(frame);
    }
    yield { micros, stack };
  }
}

/**
 * Self time by where the running code lives: an npm package (`mongodb`, `bson`, `bull`…), a
 * workspace package or a service's folder (`packages/db`, `apps/receipt-service/src/jobs`),
 * Node's own JavaScript (`node:`), or V8's pseudo-frames (`(garbage collector)`, `(program)`).
 */
export function selfTimeByPackage(
  profile: CpuProfile,
  count: number,
  window: { from: number; to: number } = { from: 0, to: Number.POSITIVE_INFINITY },
): SelfTime[] {
  const totals = new Map<string, number>();
  let all = 0;
  for (const { micros, stack } of samplesOf(profile, window)) {
    const top = stack[0];
    if (!top) continue;
    const name = packageOf(top);
    totals.set(name, (totals.get(name) ?? 0) + micros);
    all += micros;
  }
  return ranked(totals, all, count);
}

/**
 * Inclusive time of the project's own functions (apps/ and packages/): each sample counts once for
 * every distinct function of the project on its stack, so a use case's figure holds everything it
 * called, the drivers included (what runs after an await is not on its stack, though).
 */
export function projectInclusiveTime(
  profile: CpuProfile,
  count: number,
  window: { from: number; to: number } = { from: 0, to: Number.POSITIVE_INFINITY },
): SelfTime[] {
  const totals = new Map<string, number>();
  let all = 0;
  for (const { micros, stack } of samplesOf(profile, window)) {
    all += micros;
    const seen = new Set<string>();
    for (const frame of stack) {
      const file = shortFile(frame.url);
      if (!/^(apps|packages)\//.test(file)) continue;
      seen.add(`${frame.functionName || '(anonymous)'} (${file}:${frame.lineNumber + 1})`);
    }
    for (const name of seen) totals.set(name, (totals.get(name) ?? 0) + micros);
  }
  return ranked(totals, all, count);
}

function ranked(totals: Map<string, number>, all: number, count: number): SelfTime[] {
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, micros]) => ({ name, ms: micros / 1000, share: all === 0 ? 0 : micros / all }));
}

function packageOf(frame: { functionName: string; url: string }): string {
  if (!frame.url) return frame.functionName.startsWith('(') ? frame.functionName : '(native)';
  if (frame.url.startsWith('node:')) return 'node:';
  const file = shortFile(frame.url);
  if (frame.url.includes('/node_modules/'))
    // An npm package: `name` or `@scope/name`.
    return file
      .split('/')
      .slice(0, file.startsWith('@') ? 2 : 1)
      .join('/');
  const workspace = /^(apps\/[^/]+\/(?:src\/[^/]+|[^/]+)|packages\/[^/]+|infra\/[^/]+)/.exec(file);
  return workspace?.[1] ?? file;
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
