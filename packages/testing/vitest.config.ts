export { integrationConfig as default } from './src/vitest.js';
