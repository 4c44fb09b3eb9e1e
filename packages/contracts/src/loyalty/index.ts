export * from './demo-program.js';
export * from './program-config.js';
