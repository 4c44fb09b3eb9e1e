export * from './events/index.js';
export * from './loyalty/index.js';
export * from './pos/index.js';
export * from './text/index.js';
