import { pino, type Logger, type LevelWithSilent } from 'pino';

/**
 * Personal data must never reach a log line in clear. Services log identifiers by their look-up
 * hash; these paths are a safety net for objects that slip through.
 */
const redactedPaths = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["idempotency-key"]',
  'res.headers["set-cookie"]',
  '*.email',
  '*.phone',
  '*.name',
  '*.firstName',
  '*.lastName',
  '*.customer',
  '*.password',
  '*.token',
];

export function createLogger(options: { service: string; level: LevelWithSilent }): Logger {
  return pino({
    name: options.service,
    level: options.level,
    base: { service: options.service },
    timestamp: pino.stdTimeFunctions.isoTime,
    redact: { paths: redactedPaths, censor: '[redacted]' },
  });
}

export type { Logger } from 'pino';
