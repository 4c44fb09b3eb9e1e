export { apiDocsRoutes } from './api-docs-routes.js';
export {
  commonErrors,
  errorResponses,
  errorSchema,
  jsonSchemaOf,
  type OpenApiDocumentOptions,
  openApiDocument,
  type OpenApiObject,
  operationalPaths,
  serviceTokenScheme,
  staffTokenScheme,
} from './openapi-parts.js';
export { restRoutesOf, type RestRoute } from './rest-routes.js';
