import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Connect, Plugin, ProxyOptions, UserConfig } from 'vite';
import { TRPC_PREFIX, trpcGate } from './trpc-gate.js';

/** The app's directory (index.html, src/, dist/), wherever the process runs from. */
export const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const DEFAULT_TENANT_ID = 'moda-rossi';
export const DEFAULT_LOYALTY_URL = 'http://localhost:4002';

export interface LoyaltyAppConfigOptions {
  /** Where `/trpc` is proxied to: the loyalty service. */
  loyaltyUrl: string;
  /** Baked into the bundle (`import.meta.env.VITE_TENANT_ID`). */
  tenantId: string;
  /** Default `dist` (relative to the app's directory). */
  outDir?: string;
}

/**
 * The preview server is what the stack and the tests serve, so it sends the headers production
 * should: the bundle needs nothing but its own origin (the QR is a data: image, styles are files).
 */
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

/** `GET /healthz` and `/readyz` answer 200 like the services do, so the stack launcher can wait on them. */
function healthPlugin(): Plugin {
  const answer = (middlewares: Connect.Server) =>
    middlewares.use((req, res, next) => {
      if (req.method !== 'GET' || (req.url !== '/healthz' && req.url !== '/readyz')) return next();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ok', service: 'loyalty-app' }));
    });
  return {
    name: 'scontrino-health',
    configureServer: (server) => void answer(server.middlewares),
    configurePreviewServer: (server) => void answer(server.middlewares),
  };
}

/**
 * The gate in front of Vite's `/trpc` proxy (trpc-gate.ts): middlewares added by these hooks run
 * before Vite's own, the proxy included.
 */
function trpcGatePlugin(): Plugin {
  return {
    name: 'scontrino-trpc-gate',
    configureServer: (server) => void server.middlewares.use(trpcGate()),
    configurePreviewServer: (server) => void server.middlewares.use(trpcGate()),
  };
}

export function loyaltyAppViteConfig(options: LoyaltyAppConfigOptions): UserConfig {
  const proxy: Record<string, ProxyOptions> = {
    [TRPC_PREFIX]: { target: options.loyaltyUrl.replace(/\/+$/, ''), changeOrigin: true },
  };
  return {
    root: APP_ROOT,
    plugins: [react(), healthPlugin(), trpcGatePlugin()],
    define: { 'import.meta.env.VITE_TENANT_ID': JSON.stringify(options.tenantId) },
    build: { outDir: options.outDir ?? 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
    server: { proxy },
    preview: { proxy, headers: securityHeaders },
  };
}
