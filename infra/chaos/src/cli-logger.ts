import type { Logger } from '@scontrino/stack';

/**
 * The run's own lines and every warning; the services' output (the stack logs it at info, as
 * `[service] …`) stays out, or a fault's retries would bury the progress.
 */
export function chaosLogger(): Logger {
  const print = (level: string) => (message: string) =>
    console.error(`${new Date().toISOString().slice(11, 19)} ${level}  ${message}`);
  return {
    debug: () => undefined,
    info: (message) => {
      if (!message.startsWith('[')) print('info')(message);
    },
    warn: print('warn'),
    error: print('error'),
  };
}
