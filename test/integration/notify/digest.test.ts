/** Daily digest: a job scheduler per client at its local time (cron + tz), yesterday's activity, open first. */
import { Types } from 'mongoose';
import { useTestDatabase } from '../../helpers/db';
import { dayTitle, syncDigestSchedules } from '../../../src/notify/digest';
import { addDays, localDate, startOfLocalDay } from '../../../src/domain/zoned-time';
import { NOTIFICATION_JOBS, SCHEDULERS } from '../../../src/queue/names';
import { CallModel, MessageModel, OutboxModel } from '../../../src/store/models';
import { makeClient, makeMessage, startPipeline, testConfig, waitFor, type Pipeline } from './helpers';

useTestDatabase(__filename);

let pipeline: Pipeline;
beforeAll(async () => {
  pipeline = await startPipeline(testConfig());
});
afterAll(() => pipeline.close());

const digestClient = () =>
  makeClient({
    timezone: 'Europe/Paris',
    notifications: {
      sms: { enabled: false },
      email: { enabled: true, to: ['claire@example.test'] },
      digest: { enabled: true, localTime: '08:00' },
    },
  });

test('when a client has a digest at 08:00 Paris time, then its scheduler fires at the next 08:00 in Paris', async () => {
  const client = await digestClient();
  await syncDigestSchedules(pipeline.worker.queue, [client]);
  const scheduler = await pipeline.worker.queue.getJobScheduler(SCHEDULERS.digestOf(client.id));
  expect(scheduler).toMatchObject({
    pattern: '0 8 * * *',
    tz: 'Europe/Paris',
    name: NOTIFICATION_JOBS.digest,
  });

  const now = new Date();
  const today = localDate(now, 'Europe/Paris');
  const at = (date: string) => startOfLocalDay(date, 'Europe/Paris').getTime() + 8 * 3_600_000;
  const expected = at(today) > now.getTime() ? at(today) : at(addDays(today, 1));
  expect(Number(scheduler!.next)).toBe(expected);
  // The next run waits as a delayed job in Redis.
  const delayed = await pipeline.worker.queue.getDelayed();
  const next = delayed.find((j) => j.name === NOTIFICATION_JOBS.digest && j.data.clientId === client.id);
  expect(next!.timestamp + next!.delay).toBe(expected);

  await syncDigestSchedules(pipeline.worker.queue, [
    { ...client, notifications: { ...client.notifications, digest: { enabled: false, localTime: '08:00' } } },
  ]);
  expect(await pipeline.worker.queue.getJobScheduler(SCHEDULERS.digestOf(client.id))).toBeUndefined();
});

test('when the digest runs, then it lists yesterday’s calls and messages in Paris time, open ones first, urgent on top', async () => {
  const client = await digestClient();
  const yesterday = addDays(localDate(new Date(), 'Europe/Paris'), -1);
  const at = (h: number) => new Date(startOfLocalDay(yesterday, 'Europe/Paris').getTime() + h * 3_600_000);
  const make = async (reason: string, hour: number, extra: Record<string, unknown> = {}) => {
    const m = await makeMessage(client, { reason, urgent: Boolean(extra.urgent) });
    // createdAt is immutable for mongoose: back-date through the driver.
    await MessageModel.collection.updateOne(
      { _id: new Types.ObjectId(m.id) },
      { $set: { createdAt: at(hour), ...extra } },
    );
    return m;
  };
  const withRecording = await make('Devis cuisine', 9, {
    recording: {
      sid: `RE${'9'.repeat(32)}`,
      url: `https://api.twilio.com/2010-04-01/Accounts/AC${'0'.repeat(32)}/Recordings/RE${'9'.repeat(32)}`,
      durationSeconds: 7,
    },
  });
  await make('Facture payée', 10, { status: 'handled' });
  await make('Fuite urgente', 11, { urgent: true });
  await make('Avant-hier', -2);
  await makeMessage(client, { reason: 'Aujourd’hui' });
  await CallModel.create([
    {
      _id: `CA${client.id}1`,
      callSid: `CA${client.id}1`,
      clientId: client.id,
      from: '+33611',
      to: client.numbers[0],
      startedAt: at(9),
    },
    {
      _id: `CA${client.id}2`,
      callSid: `CA${client.id}2`,
      clientId: client.id,
      from: '+33612',
      to: client.numbers[0],
      startedAt: at(23.5),
    },
    {
      _id: `CA${client.id}3`,
      callSid: `CA${client.id}3`,
      clientId: client.id,
      from: '+33613',
      to: client.numbers[0],
      startedAt: at(24.5),
    },
  ]);

  await pipeline.worker.queue.add(NOTIFICATION_JOBS.digest, { clientId: client.id });
  const key = `digest.${client.id}.${yesterday}.email`;
  const mail = await waitFor(() => OutboxModel.findOne({ key }).lean(), 'the digest email');
  const day = dayTitle(yesterday, 'fr-FR');
  expect(mail.subject).toBe(`Récapitulatif du ${day}\u202f: 2 appels, 3 messages, 2 à traiter`);
  const lines = mail.body.split('\n');
  const open = lines.indexOf('À traiter (2)');
  // One caller (Jean Dupont) called twice with open messages: one line, urgent, both times and links.
  expect(lines[open + 1]).toMatch(
    /^- \[Urgent\] Jean Dupont \(06 12 34 56 78\) — 2 appels \(9 h, 11 h\)\u202f: Devis cuisine \/ Fuite urgente — https:\/\/rx\.example\.test\/messages\//,
  );
  // Its recording through the service (signed link), never at Twilio's host.
  expect(lines[open + 1]).toContain(
    `/messages/${withRecording.id} — écouter\u202f: https://rx.example.test/recordings/${withRecording.id}?expires=`,
  );
  expect(mail.body).not.toContain('api.twilio.com');
  expect(lines[open + 3]).toBe('Traités (1)');
  expect(lines[open + 4]).toMatch(/^- 10 h – Jean Dupont \(06 12 34 56 78\)\u202f: Facture payée — /);
  expect(lines[lines.length - 1]).toBe(
    `Tous les messages du ${day}\u202f: https://rx.example.test/?client=${client.id}&from=${yesterday}&to=${yesterday}`,
  );
  // The call log: yesterday's two calls, none of which left a message, each on its line.
  const calls = lines.indexOf('Appels (2)');
  expect(calls).toBeGreaterThan(open);
  expect(lines[calls + 1]).toMatch(/^2 appels\u202f: /);
  expect(lines.slice(calls).filter((l) => /^- \d{1,2} h( \d\d)? – /.test(l))).toHaveLength(2);
  expect(mail.body).toContain(
    `Tous les appels du ${day}\u202f: https://rx.example.test/calls?client=${client.id}&from=${yesterday}&to=${yesterday}`,
  );
  expect(mail.body).not.toContain('Avant-hier');
  expect(mail.body).not.toContain('Aujourd’hui');
});
