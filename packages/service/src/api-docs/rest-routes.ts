import type { Express } from 'express';

/** One route an Express app answers, its path in OpenAPI form (`/r/{token}.pdf`). */
export interface RestRoute {
  method: string;
  path: string;
}

interface Layer {
  rawPath?: string;
  slash?: boolean;
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

function walk(stack: readonly Layer[], prefix: string, found: RestRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const path = `${prefix}${layer.route.path}`.replace(/:(\w+)/g, '{$1}');
      for (const [method, on] of Object.entries(layer.route.methods)) if (on) found.push({ method, path });
    } else if (layer.handle?.stack) {
      walk(
        layer.handle.stack,
        layer.slash || layer.rawPath === undefined ? prefix : `${prefix}${layer.rawPath}`,
        found,
      );
    }
  }
}

/**
 * Every route the app answers by method and path (routers mounted with `use` included; bare
 * middleware such as tRPC's or static files is not a route): what its OpenAPI document must list.
 * Reads Express 5's router stack, which has no public API for it.
 */
export function restRoutesOf(app: Express): RestRoute[] {
  const found: RestRoute[] = [];
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '', found);
  return found;
}
