import type { AddressInfo } from 'node:net';
import { simpleParser } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../logger.js';
import type { MailStore } from './mail-store.js';
import { toReceivedMail, type ReceivedMail } from './received-mail.js';

const MAX_MESSAGE_BYTES = 25 * 1024 * 1024;

function envelopeOf(session: SMTPServerSession): ReceivedMail['envelope'] {
  const { mailFrom, rcptTo } = session.envelope;
  return {
    from: mailFrom === false ? '' : mailFrom.address,
    to: rcptTo.map((recipient) => recipient.address),
  };
}

function tooLarge(): Error {
  return Object.assign(new Error(`Message exceeds the ${MAX_MESSAGE_BYTES} byte limit`), {
    responseCode: 552,
  });
}

/**
 * An SMTP server on loopback that accepts every message (any or no credentials, no TLS),
 * parses it as a mail client would and keeps it in `store`.
 */
/**
 * How the sink misbehaves, for tests of a failing relay: `refuse` answers every message 451
 * (a temporary failure the sender should retry); `delayMs` holds each answer that long (a stalled
 * relay; the message is kept only once the answer is given, as a relay that times out delivers nothing).
 */
export interface MailSinkFaults {
  refuse: boolean;
  delayMs: number;
}

function refused(): Error {
  return Object.assign(new Error('Mail sink refuses mail for now (fault injected)'), { responseCode: 451 });
}

export async function listenSmtp(opts: {
  store: MailStore;
  logger: Logger;
  port?: number;
  faults?: MailSinkFaults;
}): Promise<{ port: number; close(): Promise<void> }> {
  const { store, logger } = opts;
  const faults = opts.faults ?? { refuse: false, delayMs: 0 };
  const server = new SMTPServer({
    banner: 'Scontrino mail sink',
    authOptional: true,
    allowInsecureAuth: true,
    disabledCommands: ['STARTTLS'],
    size: MAX_MESSAGE_BYTES,
    logger: false,
    closeTimeout: 1_000,
    onAuth(auth, _session, callback) {
      callback(null, { user: auth.username ?? 'anonymous' });
    },
    onData(stream, session, callback) {
      simpleParser(stream).then(
        async (parsed) => {
          if (stream.sizeExceeded) return callback(tooLarge());
          if (faults.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, faults.delayMs));
          if (faults.refuse) return callback(refused());
          const mail = toReceivedMail(parsed, envelopeOf(session));
          store.add({ mail, contents: parsed.attachments.map((attachment) => attachment.content) });
          logger.debug(`mail sink: "${mail.subject}" to ${mail.envelope.to.join(', ')}`);
          callback();
        },
        (error: Error) => callback(error),
      );
    },
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  server.on('error', (error) => logger.warn(`mail sink SMTP: ${error.message}`));
  const { port } = server.server.address() as AddressInfo;
  return { port, close: () => new Promise((resolve) => server.close(resolve)) };
}
