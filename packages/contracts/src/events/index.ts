export * from './envelope.js';
export * from './subscriptions.js';
export * from './payloads.js';
