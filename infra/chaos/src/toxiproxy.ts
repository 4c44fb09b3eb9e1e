import { spawn } from 'node:child_process';
import getPort from 'get-port';
import { ensureToxiproxyBinary, type Logger } from '@scontrino/stack';

/** One fault on a link (Toxiproxy's "toxic"): latency added to each answer, or answers held. */
export type LinkFault =
  { kind: 'latency'; latencyMs: number; jitterMs: number } | { kind: 'stall'; closeAfterMs: number };

export interface Toxiproxy {
  apiUrl: string;
  /** A proxy on a free loopback port to `upstream` (`host:port`); returns its `host:port`. */
  link(name: string, upstream: string): Promise<string>;
  /** Cuts the link (open connections reset, new ones refused) or brings it back. */
  setEnabled(name: string, enabled: boolean): Promise<void>;
  /** Adds `fault` to the link; `clear` removes every fault of every link. */
  addFault(name: string, fault: LinkFault): Promise<void>;
  /** Every link enabled and without faults. */
  clear(): Promise<void>;
  stop(): Promise<void>;
}

async function api(apiUrl: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${apiUrl}${path}`, {
    method,
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  if (!response.ok) throw new Error(`Toxiproxy ${method} ${path} answered ${response.status}: ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

/** Starts Toxiproxy on loopback and drives it through its HTTP API. */
export async function startToxiproxy(logger: Logger): Promise<Toxiproxy> {
  // Built by the stack's `prepare` (once per machine); built here if it was not.
  const binary = await ensureToxiproxyBinary({ logger });
  const port = await getPort({ host: '127.0.0.1' });
  const child = spawn(binary, ['-host', '127.0.0.1', '-port', String(port)], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let recent = '';
  child.stderr.on('data', (chunk: Buffer) => (recent = (recent + chunk.toString()).slice(-4_000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // Never outlives the run, however it ends.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);
  void exited.then(() => process.off('exit', killOnExit));
  const apiUrl = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 15_000;
  for (;;) {
    const up = await fetch(`${apiUrl}/version`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline || child.exitCode !== null) {
      child.kill('SIGKILL');
      throw new Error(`Toxiproxy did not start:\n${recent}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  let faults = 0;
  return {
    apiUrl,
    async link(name, upstream) {
      const listenPort = await getPort({ host: '127.0.0.1' });
      await api(apiUrl, 'POST', '/proxies', {
        name,
        listen: `127.0.0.1:${listenPort}`,
        upstream,
        enabled: true,
      });
      return `127.0.0.1:${listenPort}`;
    },
    async setEnabled(name, enabled) {
      await api(apiUrl, 'POST', `/proxies/${name}`, { enabled });
    },
    async addFault(name, fault) {
      faults += 1;
      await api(apiUrl, 'POST', `/proxies/${name}/toxics`, {
        name: `fault-${faults}`,
        stream: 'downstream',
        toxicity: 1,
        ...(fault.kind === 'latency'
          ? { type: 'latency', attributes: { latency: fault.latencyMs, jitter: fault.jitterMs } }
          : { type: 'timeout', attributes: { timeout: fault.closeAfterMs } }),
      });
    },
    async clear() {
      await api(apiUrl, 'POST', '/reset');
    },
    async stop() {
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
    },
  };
}
