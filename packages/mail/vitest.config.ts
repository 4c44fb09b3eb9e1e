export { unitConfig as default } from '@scontrino/testing/vitest';
