export * from './events/index.js';
export * from './pos/index.js';
