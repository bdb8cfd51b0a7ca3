/**
 * The client's side of an appointment's follow-ups, through its notification settings: the email
 * (a real smtp-server on loopback) with an .ics that ical.js reads, the signed webhook (a local
 * receiver that verifies it), the SMS (the outbox: no Twilio credentials). One set per change.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import ICAL from 'ical.js';
import { SMTPServer } from 'smtp-server';
import { verifyWebhookSignature } from '../../../src/notify';
import type { AppointmentFollowUps } from '../../../src/notify/appointment-follow-ups';
import { createRedis } from '../../../src/infra/redis';
import { cancelAppointmentRecord, moveAppointmentRecord } from '../../../src/store/appointments';
import { OutboxModel } from '../../../src/store/models';
import { useTestDatabase } from '../../helpers/db';
import { appointmentPort, makeAppointment } from './appointments-helpers';
import { makeClient, quietLogger, startPipeline, testConfig, waitFor, type Pipeline } from './helpers';

useTestDatabase(__filename);

const SECRET = 'whsec-appointments-0123456789';
type Mail = { to: string[]; raw: string };
type Hit = { valid: boolean; deliveryId: string; body: Record<string, unknown> };
const mails: Mail[] = [];
const hits: Hit[] = [];
let smtp: SMTPServer;
let receiver: Server;
let hookUrl: string;
let pipeline: Pipeline;
let port: AppointmentFollowUps;
const redis = createRedis(process.env.REDIS_URL ?? '');

beforeAll(async () => {
  await new Promise((ready) => (redis.status === 'ready' ? ready(null) : redis.once('ready', ready)));
  smtp = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onData(stream, session, callback) {
      let raw = '';
      stream.on('data', (c: Buffer) => (raw += c.toString('utf8')));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
  receiver = createServer((req, res) => {
    let raw = '';
    req.on('data', (c: Buffer) => (raw += c.toString('utf8')));
    req.on('end', () => {
      const valid = verifyWebhookSignature({
        secret: SECRET,
        timestamp: req.headers['x-timestamp'] as string | undefined,
        signature: req.headers['x-signature'] as string | undefined,
        body: raw,
      });
      hits.push({ valid, deliveryId: String(req.headers['x-delivery-id']), body: JSON.parse(raw) });
      res.writeHead(valid ? 200 : 401).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hookUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/crm`;
  const smtpPort = (smtp.server.address() as AddressInfo).port;
  const logger = quietLogger();
  pipeline = await startPipeline(
    testConfig({ SMTP_URL: `smtp://127.0.0.1:${smtpPort}`, MAIL_FROM: 'Receptionist <rx@example.test>' }),
    { logger },
  );
  port = appointmentPort(redis, logger, pipeline.prefix);
});
afterAll(async () => {
  await port.close();
  await pipeline.close();
  await new Promise<void>((resolve) => smtp.close(() => resolve()));
  await new Promise((resolve) => receiver.close(resolve));
  redis.disconnect();
});

/** Headers unfolded (long ones continue on indented lines). */
const unfolded = (raw: string) => raw.replace(/\r?\n[ \t]+/g, ' ');

/** The Subject header, its RFC 2047 encoded words decoded. */
function subjectOf(raw: string): string {
  const header = /^Subject: (.*)$/m.exec(unfolded(raw))![1]!.trim();
  const bytes = header
    .replace(/\?=\s+=\?/g, '?==?')
    .replace(/=\?UTF-8\?Q\?(.*?)\?=/gi, (_, q: string) =>
      q
        .replace(/_/g, ' ')
        .replace(/=([0-9A-F]{2})/gi, (__, h: string) => String.fromCharCode(parseInt(h, 16))),
    );
  return Buffer.from(bytes, 'latin1').toString('utf8');
}

/** The text/calendar part of a MIME message, decoded. */
function icsOf(raw: string): string {
  const part = /Content-Type: text\/calendar[^]*?\r?\n\r?\n([^]*?)\r?\n--/i.exec(raw);
  if (!part) throw new Error('no text/calendar part');
  const headers = /Content-Type: text\/calendar[^]*?\r?\n\r?\n/i.exec(raw)![0];
  const body = part[1]!;
  if (/Content-Transfer-Encoding: base64/i.test(headers)) {
    return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  }
  const qp = body
    .replace(/=\r?\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
  return Buffer.from(qp, 'latin1').toString('utf8');
}

async function notifiedClient(locale: 'fr-FR' | 'en-US' = 'fr-FR') {
  return makeClient({
    name: 'Cabinet Martin',
    locale,
    address: '12 rue des Lilas, Lyon',
    notifications: {
      sms: { enabled: true, to: ['+33699000001'] },
      email: { enabled: true, to: ['claire@example.test'] },
      webhook: { enabled: true, url: hookUrl, secret: SECRET },
    },
  });
}

test('when an appointment is booked, then the client gets an email with an .ics at the right local time, a signed webhook and an SMS', async () => {
  const client = await notifiedClient();
  // Tuesday 8 December 2026, 10:00 in Paris.
  const a = await makeAppointment(client, { start: new Date('2026-12-08T09:00:00Z'), reason: 'Genou' });

  await port.booked(a);

  const mail = await waitFor(
    async () => mails.find((m) => m.raw.includes(`appt.${a.id}.booked`)),
    'the email',
  );
  expect(mail.to).toEqual(['claire@example.test']);
  expect(subjectOf(mail.raw)).toBe(
    'Nouveau rendez-vous\u00a0: consultation le mardi 8 décembre à 10 h — Jeanne Dupont',
  );
  const event = new ICAL.Event(
    new ICAL.Component(ICAL.parse(icsOf(mail.raw))).getFirstSubcomponent('vevent')!,
  );
  expect(event.uid).toBe(a.id);
  expect(event.startDate.toString()).toBe('2026-12-08T10:00:00');
  expect(event.component.getFirstProperty('dtstart')!.getParameter('tzid')).toBe('Europe/Paris');
  expect(event.endDate.toString()).toBe('2026-12-08T10:30:00');
  // The calendar carries the zone's rules: read with them, the event is at the booked instant.
  const calendar = new ICAL.Component(ICAL.parse(icsOf(mail.raw)));
  const zone = calendar.getFirstSubcomponent('vtimezone');
  expect(zone?.getFirstPropertyValue('tzid')).toBe('Europe/Paris');
  ICAL.TimezoneService.register(zone!);
  const zoned = new ICAL.Event(calendar.getFirstSubcomponent('vevent')!);
  expect(zoned.startDate.toJSDate().toISOString()).toBe(a.start.toISOString());
  expect(event.summary).toBe('Consultation – Jeanne Dupont');
  expect(event.location).toBe('12 rue des Lilas, Lyon');
  expect(icsOf(mail.raw)).toMatch(/^METHOD:REQUEST\r?$/m);

  const hit = await waitFor(
    async () => hits.find((h) => h.deliveryId.startsWith(`appt.${a.id}.booked`)),
    'the webhook',
  );
  expect(hit.valid).toBe(true);
  expect(hit.body).toMatchObject({
    event: 'appointment.booked',
    client: { id: client.id, name: 'Cabinet Martin' },
    appointment: {
      id: a.id,
      start: '2026-12-08T09:00:00.000Z',
      timeZone: 'Europe/Paris',
      status: 'booked',
      callerName: 'Jeanne Dupont',
      callerNumber: '+33612345678',
      reason: 'Genou',
    },
  });

  const sms = await waitFor(
    async () => OutboxModel.findOne({ key: `appt.${a.id}.booked.client.sms.0` }).lean(),
    'the client’s SMS in the outbox',
  );
  expect(sms).toMatchObject({
    channel: 'sms',
    to: '+33699000001',
    body: 'Nouveau RDV : consultation mar. 8 déc. 10 h, Jeanne Dupont 06 12 34 56 78',
  });
});

test('when the same change is reported twice, then the client is notified once', async () => {
  const client = await notifiedClient('en-US');
  const a = await makeAppointment(client, { start: new Date('2026-12-09T14:30:00Z') });

  await port.booked(a);
  await port.booked(a);

  await waitFor(async () => mails.some((m) => m.raw.includes(`appt.${a.id}.booked`)), 'the email');
  await waitFor(async () => hits.some((h) => h.deliveryId.startsWith(`appt.${a.id}.`)), 'the webhook');
  await new Promise((r) => setTimeout(r, 300));
  expect(mails.filter((m) => unfolded(m.raw).includes(`X-Delivery-Key: appt.${a.id}.booked`))).toHaveLength(
    1,
  );
  expect(hits.filter((h) => h.deliveryId.startsWith(`appt.${a.id}.`))).toHaveLength(1);
  expect(
    await OutboxModel.countDocuments({ key: new RegExp(`^appt\\.${a.id}\\.booked\\.client\\.sms`) }),
  ).toBe(1);
});

test('when an appointment moves and is then cancelled, then each change has its webhook event and the last .ics cancels the event', async () => {
  const client = await notifiedClient('en-US');
  const a = await makeAppointment(client, { start: new Date('2026-12-10T09:00:00Z') });
  const newStart = new Date('2026-12-11T15:00:00Z');
  const movedRecord = (await moveAppointmentRecord(
    a.id,
    {
      start: newStart,
      end: new Date(newStart.getTime() + 30 * 60_000),
      calendar: a.calendar,
      reminderAt: null,
    },
    { at: new Date(), action: 'moved', by: 'staff', via: 'web', previousStart: a.start },
  ))!;

  await port.moved(movedRecord, a.start);
  const moved = await waitFor(
    async () => hits.find((h) => h.body.event === 'appointment.moved' && h.deliveryId.includes(a.id)),
    'the move’s webhook',
  );
  const cancelled = (await cancelAppointmentRecord(a.id, {
    at: new Date(),
    action: 'cancelled',
    by: 'caller',
    via: 'sms',
    previousStart: null,
  }))!;
  await port.cancelled(cancelled, 'caller');

  expect(moved.valid).toBe(true);
  expect(moved.body).toMatchObject({
    appointment: {
      start: newStart.toISOString(),
      previousStart: '2026-12-10T09:00:00.000Z',
      status: 'booked',
    },
  });
  const gone = await waitFor(
    async () => hits.find((h) => h.body.event === 'appointment.cancelled' && h.deliveryId.includes(a.id)),
    'the cancellation’s webhook',
  );
  expect(gone.body).toMatchObject({ appointment: { status: 'cancelled', cancelledBy: 'caller' } });
  const mail = await waitFor(
    async () => mails.find((m) => m.raw.includes(`appt.${a.id}.cancelled`)),
    'the email',
  );
  expect(subjectOf(mail.raw).replace(/\u202f|\u00a0/g, ' ')).toBe(
    'Appointment cancelled: consultation on Friday, December 11 at 4 PM — Jeanne Dupont',
  );
  const ics = icsOf(mail.raw);
  expect(ics).toMatch(/^METHOD:CANCEL\r?$/m);
  const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
  // The third version of the event: booked, moved, cancelled.
  expect(event.sequence).toBe(2);
  expect(event.startDate.toString()).toBe('2026-12-11T16:00:00');
});
