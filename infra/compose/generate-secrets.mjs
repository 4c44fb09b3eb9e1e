#!/usr/bin/env node
// Prints fresh secrets for compose.yaml's .env:  node infra/compose/generate-secrets.mjs > infra/compose/.env
// Plain Node, no dependencies. The same values work for Kubernetes (see docs/operations.md).
import { randomBytes } from 'node:crypto';

const key = () => randomBytes(32).toString('base64');

process.stdout.write(
  [
    `# Generated ${new Date().toISOString()}. Back this file up: without these keys the data cannot be read.`,
    `SERVICE_TOKEN=${randomBytes(32).toString('base64url')}`,
    `METRICS_TOKEN=${randomBytes(32).toString('base64url')}`,
    `CRYPTO_KEYS='${JSON.stringify({ 1: key() })}'`,
    'CRYPTO_ACTIVE_KEY=1',
    `LOOKUP_HASH_KEY=${key()}`,
    '',
  ].join('\n'),
);
