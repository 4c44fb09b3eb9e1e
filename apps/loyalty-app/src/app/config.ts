/**
 * The retailer this build of the app belongs to, fixed at build time (`VITE_TENANT_ID`): one
 * deployment per retailer, as each has its own brand. The demo stack's retailer by default.
 */
export const TENANT_ID: string = import.meta.env.VITE_TENANT_ID || 'moda-rossi';
