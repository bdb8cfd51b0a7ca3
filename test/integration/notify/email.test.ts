/** Email through SMTP (nodemailer) against a real smtp-server on loopback. */
import { useTestDatabase } from '../../helpers/db';
import { startSmtpServer, type ReceivedMail, type TestSmtp } from '../../helpers/smtp';
import { deliveryKey } from '../../../src/notify';
import { appointmentWhen } from '../../../src/notify/appointment-texts';
import { markAttemptStarted, recordDelivery } from '../../../src/store/deliveries';
import {
  deliveryOf,
  makeClient,
  makeMessage,
  startPipeline,
  testConfig,
  waitFor,
  type Pipeline,
} from './helpers';

useTestDatabase(__filename);

let smtp: TestSmtp;
let received: ReceivedMail[];
let pipeline: Pipeline;

beforeAll(async () => {
  smtp = await startSmtpServer();
  received = smtp.received;
  pipeline = await startPipeline(
    testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Receptionist <rx@example.test>' }),
  );
});
afterAll(async () => {
  await pipeline.close();
  await smtp.close();
});

const decoded = (raw: string) =>
  raw
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));

test('when a message is stored, then an email in the client’s language and timezone reaches the SMTP server', async () => {
  const client = await makeClient({
    notifications: {
      sms: { enabled: false },
      email: { enabled: true, to: ['claire@example.test', 'desk@example.test'] },
    },
  });
  const message = await makeMessage(client, {
    transcription: 'Bonjour, il y a une fuite sous l’évier.',
    recording: {
      sid: 'RE0123',
      url: 'https://api.twilio.com/2010-04-01/Accounts/AC1/Recordings/RE0123',
      durationSeconds: 12,
    },
  });
  await pipeline.followUps.messageStored(message);
  const key = deliveryKey(message.id, 'email', 'notify', 0);
  const entry = await waitFor(async () => {
    const d = await deliveryOf(message.id, key);
    return d?.status === 'sent' && d;
  }, 'the email');

  const mail = received.find((r) => r.raw.includes(key))!;
  expect(mail.from).toBe('rx@example.test');
  expect(mail.to).toEqual(['claire@example.test', 'desk@example.test']);
  const text = Buffer.from(decoded(mail.raw), 'latin1').toString('utf8');
  expect(text).toMatch(/Subject: =\?UTF-8\?Q\?Message_de_Jean_Dupont_/); // RFC 2047 encoded
  expect(text).toContain(`Reçu le\u202f: ${appointmentWhen(message.createdAt, 'fr-FR', 'Europe/Paris')}`);
  expect(text).toContain('Transcription\u202f: Bonjour, il y a une fuite sous l’évier.');
  // The recording plays through the service (signed, expiring link), never at Twilio's host.
  expect(text).toMatch(
    new RegExp(
      `Enregistrement\u202f: https://rx\\.example\\.test/recordings/${message.id}\\?expires=\\d+&sig=`,
    ),
  );
  expect(text).not.toContain('api.twilio.com');
  expect(text).toContain(`https://rx.example.test/messages/${message.id}`);
  expect(entry.providerId).toBe(`<${key}@rx.example.test>`);
  expect(mail.raw).toMatch(
    new RegExp(`^Message-ID: <${key.replace(/\./g, '\\.')}@rx\\.example\\.test>\r?$`, 'm'),
  );
});

const messageIdsOf = (key: string) =>
  received
    .filter((r) => r.raw.includes(`X-Delivery-Key: ${key}`))
    .map((r) => /^Message-ID: (.+?)\r?$/m.exec(r.raw)?.[1]);

test('when an email is sent again after an attempt whose outcome is unknown, then it carries the same Message-ID for receivers to dedupe', async () => {
  const client = await makeClient({
    notifications: { sms: { enabled: false }, email: { enabled: true, to: ['claire@example.test'] } },
  });
  const message = await makeMessage(client);
  await pipeline.followUps.messageStored(message);
  const key = deliveryKey(message.id, 'email', 'notify', 0);
  const entry = await waitFor(async () => {
    const d = await deliveryOf(message.id, key);
    return d?.status === 'sent' && d;
  }, 'the email');
  // What a worker killed after the server's 250 and before the record leaves behind.
  await recordDelivery(message.id, entry, { status: 'pending' });
  await markAttemptStarted(message.id, entry, new Date());

  expect(await pipeline.followUps.retryDelivery(message.id, key)).toBe('requeued');
  await waitFor(
    async () => (await deliveryOf(message.id, key))?.status === 'sent' && messageIdsOf(key).length === 2,
    'the second email',
  );

  expect(messageIdsOf(key)).toEqual([`<${key}@rx.example.test>`, `<${key}@rx.example.test>`]);
  expect((await deliveryOf(message.id, key))?.attemptStartedAt).toBeUndefined();
});

test('when the SMTP server refuses the address (550), then the delivery fails at once with the reason', async () => {
  const client = await makeClient({
    notifications: { sms: { enabled: false }, email: { enabled: true, to: ['nobody@example.test'] } },
  });
  const message = await makeMessage(client);
  await pipeline.followUps.messageStored(message);
  const key = deliveryKey(message.id, 'email', 'notify', 0);
  const entry = await waitFor(async () => {
    const d = await deliveryOf(message.id, key);
    return d?.status === 'failed' && d;
  }, 'the email to fail');
  expect(entry.attempts).toBe(1);
  expect(entry.lastError).toMatch(/550/);
});
