import { apiDocsRoutes as docsRoutes } from '@scontrino/service';
import type { Router } from 'express';
import { receiptApiDocument } from './openapi.js';

/** `GET /openapi.json` and the Swagger UI at `/docs/`, of the receipt service's REST routes. */
export function apiDocsRoutes(publicUrl: string): Router {
  return docsRoutes(receiptApiDocument(publicUrl));
}
