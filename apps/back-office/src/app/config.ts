/** The brand shown first to staff of every brand (`tenants: ['*']`): the demo retailer. */
export const DEFAULT_TENANT_ID = 'moda-rossi';
