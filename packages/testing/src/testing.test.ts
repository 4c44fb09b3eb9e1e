import { Redis } from 'ioredis';
import mongoose from 'mongoose';
import nodemailer from 'nodemailer';
import { describe, expect, it } from 'vitest';
import { mailSink, testDatabaseUri, testStack, uniqueEmail, uniqueName } from './index.js';

describe('@scontrino/testing', () => {
  it('when asked twice for a database, then it names two different ones on the test server', () => {
    const first = testDatabaseUri('orders');
    const second = testDatabaseUri('orders');
    expect(first).not.toBe(second);
    // The server's address with the test database as its path, its options (the stack's client
    // pool size) kept.
    const [server = '', options] = testStack().mongoUri.split('?');
    const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const expected = `^${escape(server.replace(/\/$/, ''))}/t_orders_[a-z0-9]{8}${options ? escape(`?${options}`) : ''}$`;
    for (const uri of [first, second]) expect(uri).toMatch(new RegExp(expected));
  });

  it('when a test writes to its database, then another test database is still empty', async () => {
    const [mine, theirs] = await Promise.all(
      [testDatabaseUri('mine'), testDatabaseUri('theirs')].map((uri) =>
        mongoose.createConnection(uri).asPromise(),
      ),
    );
    if (!mine || !theirs) throw new Error('no connection');
    await mine.collection('receipts').insertOne({ number: 1 });
    expect(await mine.collection('receipts').countDocuments()).toBe(1);
    expect(await theirs.collection('receipts').countDocuments()).toBe(0);
    await Promise.all([mine.close(), theirs.close()]);
  });

  it('gives the Redis of the run', async () => {
    const redis = new Redis(testStack().redisUrl);
    expect(await redis.ping()).toBe('PONG');
    redis.disconnect();
  });

  it('makes names safe for databases and queue prefixes', () => {
    expect(uniqueName('Receipt outbox/v2')).toMatch(/^t_receipt_outbox_v2_[a-z0-9]{8}$/);
  });

  it('makes e-mail addresses that differ and hold no digits a till could take for a card number', () => {
    const addresses = Array.from({ length: 1000 }, () => uniqueEmail('buyer'));
    expect(new Set(addresses).size).toBe(1000);
    for (const address of addresses) expect(address).toMatch(/^buyer-[a-z]{20}@example\.test$/);
  });

  it('when a mail is sent over SMTP, then mailSink.waitFor finds it by recipient and subject', async () => {
    const { smtp } = testStack();
    const to = `${uniqueName('anna')}@example.test`;
    const transport = nodemailer.createTransport({ host: smtp.host, port: smtp.port, secure: false });
    await transport.sendMail({
      from: 'receipts@bottega.test',
      to,
      subject: 'Receipt 7',
      text: 'Total 3,20 EUR',
    });

    const mail = await mailSink.waitFor({ to, subject: /Receipt \d+/ });
    expect(mail).toMatchObject({ to: [to], subject: 'Receipt 7', text: 'Total 3,20 EUR' });
    expect(await mailSink.list({ to })).toEqual([mail]);
  });

  it('when no mail matches, then waitFor fails saying what did arrive', async () => {
    const to = `${uniqueName('nobody')}@example.test`;
    await expect(mailSink.waitFor({ to, subject: 'Never sent' }, 300)).rejects.toThrow(
      /received none for that recipient/,
    );
  });
});
