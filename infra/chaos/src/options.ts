import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import type { ChaosOptions } from './run-chaos.js';
import { FAULT_KINDS, type FaultKind } from './schedule.js';

export const USAGE = `pnpm chaos [-- options]

  --minutes N      how long the tills sell and the faults play (default 3; faults stop for a calm tail)
  --seed TEXT      the fault schedule and the traffic (default: a new one, printed; give it again to replay)
  --rate N         till arrivals per second (default 3)
  --members N      loyalty members enrolled (default 40)
  --faults a,b     only these faults (default all: ${FAULT_KINDS.join(', ')})
  --drain-seconds  how long the checker waits for the queues to drain (default 180)
  --service-log F  append the services' own output (their JSON log lines) to file F, to read a failure afterwards
  --help`;

export interface ChaosCliOptions extends ChaosOptions {
  /** Where the services' output goes; by default it is dropped. */
  serviceLog?: string;
}

/** The options of `pnpm chaos`; throws with a message naming the bad option. */
export function parseOptions(argv: readonly string[]): ChaosCliOptions | 'help' {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      minutes: { type: 'string' },
      seed: { type: 'string' },
      rate: { type: 'string' },
      members: { type: 'string' },
      faults: { type: 'string' },
      'drain-seconds': { type: 'string' },
      'service-log': { type: 'string' },
      help: { type: 'boolean' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const positive = (name: string, text: string | undefined, fallback: number) => {
    const value = text === undefined ? fallback : Number(text);
    if (!Number.isFinite(value) || value <= 0) throw new Error(`--${name} must be a positive number`);
    return value;
  };
  const faults = values.faults ? values.faults.split(',').map((kind) => kind.trim()) : [...FAULT_KINDS];
  const unknown = faults.filter((kind) => !(FAULT_KINDS as readonly string[]).includes(kind));
  if (unknown.length > 0)
    throw new Error(`--faults: unknown ${unknown.join(', ')} (known: ${FAULT_KINDS.join(', ')})`);
  return {
    minutes: positive('minutes', values.minutes, 3),
    seed: values.seed ?? randomBytes(4).toString('hex'),
    rate: positive('rate', values.rate, 3),
    members: Math.round(positive('members', values.members, 40)),
    faults: faults as FaultKind[],
    drainBoundMs: positive('drain-seconds', values['drain-seconds'], 180) * 1000,
    ...(values['service-log'] ? { serviceLog: values['service-log'] } : {}),
  };
}
