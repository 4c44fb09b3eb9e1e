import { fileURLToPath } from 'node:url';
import react from '@vitejs/plugin-react';
import type { Connect, Plugin, ProxyOptions, UserConfig } from 'vite';
import { authRoutes } from './auth-routes.js';
import type { StaffSignIn } from './oidc.js';
import { staffSessions } from './staff-session.js';
import { SERVICE_NAMES, type ServiceName, trpcGate } from './trpc-gate.js';

/** The app's directory (index.html, src/, dist/), wherever the process runs from. */
export const APP_ROOT = fileURLToPath(new URL('../..', import.meta.url));

export interface BackOfficeConfigOptions {
  /** Where each `/trpc/<service>` goes. */
  serviceUrls: Readonly<Record<ServiceName, string>>;
  outDir?: string;
  /** The sign-in, the session secret and the public URL: only the served app has them, not a build. */
  server?: {
    signIn: () => Promise<StaffSignIn>;
    sessionSecret: string;
    publicUrl: () => string;
  };
}

/**
 * The page needs nothing but its own origin; recharts draws SVG and styles it through the DOM
 * (allowed by `style-src 'self'`, which only stops style elements and attributes in markup).
 */
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; " +
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'; object-src 'none'",
  'referrer-policy': 'no-referrer',
  'x-content-type-options': 'nosniff',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

function serverPlugin(options: BackOfficeConfigOptions): Plugin {
  const install = (middlewares: Connect.Server) => {
    middlewares.use((req, res, next) => {
      if (req.method !== 'GET' || (req.url !== '/healthz' && req.url !== '/readyz')) return next();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ status: 'ok', service: 'back-office' }));
    });
    const server = options.server;
    if (!server) return;
    const secure = server.publicUrl().startsWith('https:');
    const sessions = staffSessions({ secret: server.sessionSecret, secure });
    middlewares.use((req, res, next) => {
      if (!/^\/(auth|trpc)(\/|$|\?)/.test(req.url ?? '')) return next();
      sessions(req as never, res as never, next);
    });
    middlewares.use(authRoutes(server.signIn, server.publicUrl));
    middlewares.use(trpcGate());
  };
  return {
    name: 'scontrino-back-office',
    configureServer: (server) => void install(server.middlewares),
    configurePreviewServer: (server) => void install(server.middlewares),
  };
}

export function backOfficeViteConfig(options: BackOfficeConfigOptions): UserConfig {
  const proxy: Record<string, ProxyOptions> = Object.fromEntries(
    SERVICE_NAMES.map((name) => [
      `/trpc/${name}/`,
      {
        target: options.serviceUrls[name].replace(/\/+$/, ''),
        changeOrigin: true,
        rewrite: (path: string) => path.replace(`/trpc/${name}/`, '/trpc/'),
      },
    ]),
  );
  return {
    root: APP_ROOT,
    plugins: [react(), serverPlugin(options)],
    build: { outDir: options.outDir ?? 'dist', emptyOutDir: true, sourcemap: true, target: 'es2022' },
    server: { proxy },
    preview: { proxy, headers: securityHeaders },
  };
}
