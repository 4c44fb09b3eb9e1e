import { createWriteStream } from 'node:fs';
import type { Logger } from '@scontrino/stack';

/**
 * The run's own lines and every warning; the services' output (the stack logs it at info, as
 * `[service] …`) stays out, or a fault's retries would bury the progress. Given a file, the
 * services' lines are appended to it, so a failed invariant can be traced to what a service said.
 */
export function chaosLogger(serviceLog?: string): Logger {
  const stamp = () => new Date().toISOString().slice(11, 19);
  const print = (level: string) => (message: string) => console.error(`${stamp()} ${level}  ${message}`);
  const file = serviceLog === undefined ? undefined : createWriteStream(serviceLog, { flags: 'a' });
  file?.on('error', (error) => console.error(`${stamp()} warn  service log ${serviceLog}: ${error.message}`));
  return {
    debug: () => undefined,
    info: (message) => {
      if (!message.startsWith('[')) print('info')(message);
      else file?.write(`${message}\n`);
    },
    warn: print('warn'),
    error: print('error'),
  };
}
