import { createServer, type Server } from 'node:net';
import { mailSink, testStack, uniqueName } from '@scontrino/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createMailer } from './mailer.js';

const FROM = 'Scontrino test <receipts@scontrino.test>';

describe('receipt mailer', () => {
  it('when one delivery is sent twice (a retry after a crash), then both copies carry the same Message-ID', async () => {
    const { smtp } = testStack();
    const mailer = createMailer({
      smtpUrl: `smtp://${smtp.host}:${smtp.port}`,
      from: FROM,
      timeoutMs: 5_000,
    });
    const to = `${uniqueName('retry')}@example.test`;
    const mail = { to, subject: 'Your receipt', html: '<p>12,50</p>', text: '12,50', receiptId: 'rcp_1' };
    try {
      const first = await mailer.send({ ...mail, deliveryId: 'dlv_same' });
      const second = await mailer.send({ ...mail, deliveryId: 'dlv_same' });
      const other = await mailer.send({ ...mail, deliveryId: 'dlv_other' });

      expect(second.messageId).toBe(first.messageId);
      expect(other.messageId).not.toBe(first.messageId);
      const received = await mailSink.list({ to });
      expect(received.map((one) => one.headers['message-id']).sort()).toEqual(
        [first.messageId, first.messageId, other.messageId].sort(),
      );
    } finally {
      mailer.close();
    }
  });

  describe('with a relay that accepts the connection and never answers', () => {
    let relay: Server;
    let port: number;
    beforeAll(async () => {
      relay = createServer(() => undefined);
      await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
      port = (relay.address() as { port: number }).port;
    });
    afterAll(async () => {
      await new Promise((resolve) => relay.close(resolve));
    });

    it('when the timeout passes, then the send fails instead of hanging', async () => {
      const mailer = createMailer({ smtpUrl: `smtp://127.0.0.1:${port}`, from: FROM, timeoutMs: 300 });
      const outcome = await mailer
        .send({ to: 'a@example.test', subject: 's', html: 'h', text: 't', receiptId: 'r', deliveryId: 'd' })
        .then(
          () => 'sent',
          (error: unknown) => error,
        );
      mailer.close();

      // nodemailer's own defaults (30 s greeting, 10 min socket) would outlast the test's timeout.
      expect(outcome).toMatchObject({ code: 'ETIMEDOUT' });
    });
  });
});
