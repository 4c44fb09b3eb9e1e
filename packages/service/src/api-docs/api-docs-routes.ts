import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';
import type { OpenApiObject } from './openapi-parts.js';

// swagger-ui-dist's own initializer points at the petstore; this one at the service's document. A
// file, not an inline script, so the page needs no script exception in its CSP.
const initializer = `window.onload = function () {
  window.ui = SwaggerUIBundle({
    url: '/openapi.json',
    dom_id: '#swagger-ui',
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    layout: 'StandaloneLayout',
  });
};
`;

const swaggerUiDir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));

/**
 * The UI's policy: its own scripts and styles (Swagger UI sets inline styles), images it embeds as
 * data URLs, and requests to this origin only ("Try it out" goes to the relative server `/`, so
 * it works from every name of the host). Not helmet's default: its `upgrade-insecure-requests`
 * would send "Try it out" over https to a service on plain http at 127.0.0.1.
 */
const docsCsp = [
  "default-src 'self'",
  "connect-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
].join('; ');

/** `GET /openapi.json` and a browsable UI of it at `/docs/`, for any service's document. */
export function apiDocsRoutes(document: OpenApiObject): Router {
  const body = JSON.stringify(document);
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(body);
  });
  router.use('/docs', (req, res, next) => {
    res.setHeader('Content-Security-Policy', docsCsp);
    // The UI's assets are relative (./swagger-ui.css): they resolve only under /docs/.
    if (req.originalUrl === '/docs') return res.redirect(301, '/docs/');
    next();
  });
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('text/javascript').send(initializer);
  });
  router.use('/docs', express.static(swaggerUiDir, { index: 'index.html' }));
  return router;
}
