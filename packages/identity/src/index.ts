export * from './identifier-types.js';
export * from './mask.js';
export * from './normalise.js';
export * from './pos-customer.js';
export * from './placeholder-email.js';
