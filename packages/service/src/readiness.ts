import type { Request, Response } from 'express';

/** A dependency the service cannot serve without (database, Redis). */
export interface ReadinessCheck {
  name: string;
  isReady(): Promise<boolean>;
}

/** Per check, how long an answer may take before the dependency counts as down. */
const CHECK_TIMEOUT_MS = 2_000;

async function withTimeout(check: ReadinessCheck): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<boolean>((resolve) => {
    timer = setTimeout(() => resolve(false), CHECK_TIMEOUT_MS);
  });
  try {
    return await Promise.race([check.isReady().catch(() => false), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * `GET /readyz`: 200 when every dependency answers, else 503 with the ones that did not, so a load
 * balancer stops sending traffic. Also 503 while the service drains for shutdown.
 */
export function readinessHandler(checks: readonly ReadinessCheck[], isDraining: () => boolean) {
  return async (_req: Request, res: Response): Promise<void> => {
    const results = await Promise.all(checks.map(async (c) => [c.name, await withTimeout(c)] as const));
    const status = Object.fromEntries(results.map(([name, ok]) => [name, ok ? 'up' : 'down']));
    const ready = !isDraining() && results.every(([, ok]) => ok);
    res
      .status(ready ? 200 : 503)
      .json({ status: ready ? 'ready' : isDraining() ? 'draining' : 'unavailable', checks: status });
  };
}
