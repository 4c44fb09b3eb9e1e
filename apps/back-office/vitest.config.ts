export { integrationConfig as default } from '@scontrino/testing/vitest';
