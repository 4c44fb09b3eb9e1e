import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMailSink, type MailSink } from './index.js';
import type { ReceivedMail } from './received-mail.js';

describe('mail sink', () => {
  let sink: MailSink;
  let send: (message: nodemailer.SendMailOptions) => Promise<unknown>;

  beforeAll(async () => {
    sink = await startMailSink();
    const transport = nodemailer.createTransport({ host: sink.smtpHost, port: sink.smtpPort, secure: false });
    send = (message) => transport.sendMail(message);
  });

  beforeEach(async () => {
    await fetch(`${sink.webUrl}/api/mails`, { method: 'DELETE' });
  });

  afterAll(async () => {
    await sink.stop();
  });

  const receipt = {
    from: '"Bottega Rossi" <receipts@bottega.test>',
    to: 'anna@example.test',
    bcc: 'audit@bottega.test',
    subject: 'Your receipt 0042',
    text: 'Total 12,50 EUR',
    html: '<p>Total <b>12,50 EUR</b></p>',
    attachments: [{ filename: 'receipt-0042.txt', content: 'line 1\nline 2\n', contentType: 'text/plain' }],
  };

  async function mails(query = ''): Promise<ReceivedMail[]> {
    return (await fetch(`${sink.webUrl}/api/mails${query}`)).json() as Promise<ReceivedMail[]>;
  }

  it('when a message arrives over SMTP, then /api/mails returns it parsed', async () => {
    await send(receipt);

    const [mail, ...others] = await mails();
    expect(others).toEqual([]);
    expect(mail).toMatchObject({
      from: 'receipts@bottega.test',
      to: ['anna@example.test'],
      envelope: { from: 'receipts@bottega.test', to: ['anna@example.test', 'audit@bottega.test'] },
      subject: 'Your receipt 0042',
      text: 'Total 12,50 EUR',
      html: '<p>Total <b>12,50 EUR</b></p>',
      attachments: [{ filename: 'receipt-0042.txt', contentType: 'text/plain', size: 14 }],
    });
    expect(mail?.headers['subject']).toBe('Your receipt 0042');
    expect(sink.list()).toEqual([mail]);
  });

  it('when listened to, then each mail is handed over as it arrives, and no longer once unsubscribed', async () => {
    const heard: string[] = [];
    const unsubscribe = sink.onMail((mail) => heard.push(mail.subject));
    await send(receipt);
    await send({ ...receipt, subject: 'Second receipt' });
    unsubscribe();
    await send({ ...receipt, subject: 'Not heard' });

    expect(heard).toEqual(['Your receipt 0042', 'Second receipt']);
  });

  it('when told to refuse, then senders get a temporary 451 and nothing is kept, until it accepts again', async () => {
    sink.setFaults({ refuse: true });
    const refusal = await send(receipt).catch((error: unknown) => error);
    sink.setFaults({ refuse: false });
    await send({ ...receipt, subject: 'After the outage' });

    expect(refusal).toMatchObject({ responseCode: 451 });
    expect((await mails()).map((mail) => mail.subject)).toEqual(['After the outage']);
  });

  it('when told to stall, then a sender with a shorter socket timeout gives up instead of waiting', async () => {
    sink.setFaults({ delayMs: 1_500 });
    const impatient = nodemailer.createTransport({
      host: sink.smtpHost,
      port: sink.smtpPort,
      secure: false,
      socketTimeout: 300,
    });
    const outcome = await impatient.sendMail(receipt).catch((error: unknown) => error);
    sink.setFaults({ delayMs: 0 });

    expect(outcome).toMatchObject({ code: 'ETIMEDOUT' });
  });

  it('when filtered by recipient, then only mails to that address are listed, Bcc included', async () => {
    await send(receipt);
    await send({ ...receipt, to: 'marco@example.test', bcc: undefined, subject: 'Another receipt' });

    expect((await mails('?to=MARCO@example.test')).map((mail) => mail.subject)).toEqual(['Another receipt']);
    expect((await mails('?to=audit@bottega.test')).map((mail) => mail.subject)).toEqual([
      'Your receipt 0042',
    ]);
    expect((await mails()).map((mail) => mail.subject)).toEqual(['Another receipt', 'Your receipt 0042']);
  });

  it('serves the HTML body, sandboxed, and the attachment for download', async () => {
    await send(receipt);
    const [mail] = await mails();

    const html = await fetch(`${sink.webUrl}/api/mails/${mail?.id}/html`);
    expect(html.headers.get('content-security-policy')).toMatch(/^sandbox/);
    expect(await html.text()).toBe(receipt.html);

    const attachment = await fetch(`${sink.webUrl}/api/mails/${mail?.id}/attachments/0`);
    expect(attachment.headers.get('content-disposition')).toBe('attachment; filename="receipt-0042.txt"');
    expect(await attachment.text()).toBe('line 1\nline 2\n');
  });

  it('when a subject or the HTML body holds markup, then the viewer pages escape it', async () => {
    await send({ ...receipt, subject: '<script>alert(1)</script>', html: '<p title="x">"quoted"</p>' });
    const [mail] = await mails();

    for (const path of ['/', `/mails/${mail?.id}`]) {
      const page = await (await fetch(`${sink.webUrl}${path}`)).text();
      expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
      expect(page).not.toContain('<script>alert');
    }
    const detail = await (await fetch(`${sink.webUrl}/mails/${mail?.id}`)).text();
    // The body sits in the frame's srcdoc attribute, escaped, and the frame may run no script.
    expect(detail).toContain(
      '<iframe class="mail-html" sandbox="allow-same-origin" srcdoc="&lt;p title=&quot;x&quot;&gt;&quot;quoted&quot;&lt;/p&gt;"',
    );
  });

  it('answers 404 for an unknown mail', async () => {
    expect((await fetch(`${sink.webUrl}/api/mails/mail_unknown`)).status).toBe(404);
    expect((await fetch(`${sink.webUrl}/mails/mail_unknown`)).status).toBe(404);
  });
});
