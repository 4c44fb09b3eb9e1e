import { openSync, writeSync } from 'node:fs';
import type { Logger } from '@scontrino/stack';

/**
 * The run's own lines and every warning; the services' output (the stack logs it at info, as
 * `[service] …`) stays out, or a fault's retries would bury the progress. Given a file, the
 * services' lines are appended to it, so a failed invariant can be traced to what a service said.
 */
export function chaosLogger(serviceLog?: string): Logger {
  const stamp = () => new Date().toISOString().slice(11, 19);
  const print = (level: string) => (message: string) => console.error(`${stamp()} ${level}  ${message}`);
  let file = serviceLog === undefined ? undefined : openSync(serviceLog, 'a');
  const keep = (line: string) => {
    if (file === undefined) return;
    try {
      writeSync(file, `${line}\n`);
    } catch (error) {
      file = undefined;
      print('warn')(`service log ${serviceLog} no longer written: ${(error as Error).message}`);
    }
  };
  return {
    debug: () => undefined,
    info: (message) => {
      if (!message.startsWith('[')) print('info')(message);
      else keep(message);
    },
    warn: print('warn'),
    error: print('error'),
  };
}
