import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import express, { type Router } from 'express';
import { openApiDocument } from './openapi.js';

// swagger-ui-dist's own initializer points at the petstore; this one at our document. A file,
// not an inline script, so helmet's default CSP (script-src 'self') needs no exception.
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

/** `GET /openapi.json` and a browsable UI of it at `/docs/`. */
export function apiDocsRoutes(publicUrl: string): Router {
  const document = JSON.stringify(openApiDocument(publicUrl));
  const router = express.Router();
  router.get('/openapi.json', (_req, res) => {
    res.type('application/json').send(document);
  });
  router.get('/docs/swagger-initializer.js', (_req, res) => {
    res.type('text/javascript').send(initializer);
  });
  router.use('/docs', (req, res, next) => {
    // The UI's assets are relative (./swagger-ui.css): they resolve only under /docs/.
    if (req.originalUrl === '/docs') return res.redirect(301, '/docs/');
    next();
  });
  router.use('/docs', express.static(swaggerUiDir, { index: 'index.html' }));
  return router;
}
