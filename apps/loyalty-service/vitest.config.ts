export { serviceConfig as default } from '@scontrino/testing/vitest';
