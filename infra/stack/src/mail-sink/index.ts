import { silentLogger, type Logger } from '../logger.js';
import { listenViewer } from './http.js';
import { MailStore } from './mail-store.js';
import type { ReceivedMail } from './received-mail.js';
import { listenSmtp, type MailSinkFaults } from './smtp.js';

export type { ReceivedMail } from './received-mail.js';
export type { MailSinkFaults } from './smtp.js';

export interface MailSink {
  smtpHost: string;
  smtpPort: number;
  /** Base URL of the viewer (`/`) and of the JSON API (`/api/mails`). */
  webUrl: string;
  /** The mails received so far, newest first (the last 1000). */
  list(): ReceivedMail[];
  /** Calls `listener` with each mail as it arrives, however many (a benchmark counts them); returns the unsubscribe. */
  onMail(listener: (mail: ReceivedMail) => void): () => void;
  /** Makes the relay refuse (451) or stall from now on; `{}` keeps a setting as it is. */
  setFaults(faults: Partial<MailSinkFaults>): void;
  /** Idempotent. */
  stop(): Promise<void>;
}

/**
 * An in-process SMTP sink on loopback that keeps what it receives in memory, with an HTML viewer
 * and a JSON API over HTTP. Ports default to free ones.
 */
export async function startMailSink(
  opts: { logger?: Logger; smtpPort?: number; httpPort?: number } = {},
): Promise<MailSink> {
  const store = new MailStore();
  const faults: MailSinkFaults = { refuse: false, delayMs: 0 };
  const smtp = await listenSmtp({ store, logger: opts.logger ?? silentLogger, port: opts.smtpPort, faults });
  const viewer = await listenViewer({ store, port: opts.httpPort }).catch(async (error: unknown) => {
    await smtp.close();
    throw error;
  });
  let stopped: Promise<void> | undefined;
  return {
    smtpHost: '127.0.0.1',
    smtpPort: smtp.port,
    webUrl: `http://127.0.0.1:${viewer.port}`,
    list: () => store.list(),
    onMail: (listener) => store.subscribe(listener),
    setFaults: (next) => Object.assign(faults, next),
    stop() {
      stopped ??= Promise.all([smtp.close(), viewer.close()]).then(() => undefined);
      return stopped;
    },
  };
}
