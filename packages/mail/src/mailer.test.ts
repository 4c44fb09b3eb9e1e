import type { AddressInfo } from 'node:net';
import { type ParsedMail, simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './mailer.js';

const received: ParsedMail[] = [];
let connections = 0;
const server = new SMTPServer({
  authOptional: true,
  disabledCommands: ['STARTTLS'],
  onConnect(_session, done) {
    connections += 1;
    done();
  },
  onData(stream, _session, done) {
    simpleParser(stream).then(
      (mail) => {
        received.push(mail);
        done();
      },
      (error: Error) => done(error),
    );
  },
});
let smtpUrl = '';

/** A header as the relay received it (mailparser folds `List-*` headers into one `list` object). */
const header = (mail: ParsedMail | undefined, name: string) =>
  mail?.headerLines
    .find((line) => line.key === name)
    ?.line.slice(name.length + 1)
    .trim();

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  smtpUrl = `smtp://127.0.0.1:${(server.server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('createMailer', () => {
  it('sends from the configured sender, with the headers and one-click unsubscribe asked for', async () => {
    const mailer = createMailer({ smtpUrl, from: 'Scontrino <receipts@scontrino.test>' });
    const { messageId } = await mailer.send({
      to: 'giulia@example.it',
      subject: 'Il tuo scontrino',
      html: '<p>Grazie</p>',
      text: 'Grazie',
      headers: { 'X-Scontrino-Receipt': 'rcpt_abc' },
      unsubscribeUrl: 'https://receipts.example.it/u/token',
    });
    mailer.close();
    const mail = received.at(-1);
    expect(mail?.messageId).toBe(messageId);
    expect(mail?.from?.value).toEqual([{ name: 'Scontrino', address: 'receipts@scontrino.test' }]);
    expect(mail?.subject).toBe('Il tuo scontrino');
    expect(mail?.text?.trim()).toBe('Grazie');
    expect(header(mail, 'x-scontrino-receipt')).toBe('rcpt_abc');
    expect(header(mail, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(header(mail, 'list-unsubscribe')).toBe('<https://receipts.example.it/u/token>');
  });

  it('when pooled, then mails sent one after another share one connection, and each arrives', async () => {
    const mailer = createMailer({
      smtpUrl,
      from: 'Scontrino <receipts@scontrino.test>',
      pool: { maxConnections: 2 },
    });
    const before = { connections, received: received.length };
    for (const n of [1, 2, 3])
      await mailer.send({
        to: `cliente${n}@example.it`,
        subject: `Scontrino ${n}`,
        html: `<p>${n}</p>`,
        text: `${n}`,
      });
    mailer.close();
    expect(received.slice(before.received).map((mail) => mail.subject)).toEqual([
      'Scontrino 1',
      'Scontrino 2',
      'Scontrino 3',
    ]);
    expect(connections - before.connections).toBe(1);
  });

  it('when not pooled, then each mail opens a connection of its own', async () => {
    const mailer = createMailer({ smtpUrl, from: 'Scontrino <receipts@scontrino.test>' });
    const before = connections;
    for (const n of [1, 2])
      await mailer.send({ to: `c${n}@example.it`, subject: 'S', html: '<p>s</p>', text: 's' });
    mailer.close();
    expect(connections - before).toBe(2);
  });

  it('sends no unsubscribe header when the mail has no unsubscribe link', async () => {
    const mailer = createMailer({ smtpUrl, from: 'Scontrino <loyalty@scontrino.test>' });
    await mailer.send({ to: 'luca@example.it', subject: 'Codice', html: '<p>123456</p>', text: '123456' });
    mailer.close();
    const mail = received.at(-1);
    expect(mail?.to && 'text' in mail.to ? mail.to.text : '').toBe('luca@example.it');
    expect(header(mail, 'list-unsubscribe')).toBeUndefined();
    expect(header(mail, 'list-unsubscribe-post')).toBeUndefined();
  });
});
