export * from './envelope.js';
export * from './subscriptions.js';
