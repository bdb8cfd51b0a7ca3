/**
 * The weekly report through the real worker: last week's figures from the rollups, one email
 * however many times its job runs (real SMTP server on loopback), and its scheduler kept in Redis.
 */
import { Types } from 'mongoose';
import { rebuildRange } from '../../../src/app/report-rollups';
import { lastCompleteWeek, weeklyReportKey } from '../../../src/app/weekly-report';
import { addDays, startOfLocalDay } from '../../../src/domain/zoned-time';
import { createRedis } from '../../../src/infra/redis';
import { startNotificationWorker } from '../../../src/notify';
import { chartCid } from '../../../src/notify/weekly-report';
import { syncWeeklyReportSchedules } from '../../../src/notify/weekly-report-send';
import { NOTIFICATION_JOBS, SCHEDULERS } from '../../../src/queue/names';
import { recordCall } from '../../../src/store/calls';
import { updateClient } from '../../../src/store/clients';
import { MessageModel } from '../../../src/store/models';
import { claimWeeklyReport, findWeeklyReport } from '../../../src/store/weekly-reports';
import { useTestDatabase } from '../../helpers/db';
import { mimeParts, startSmtpServer, type TestSmtp } from '../../helpers/smtp';
import {
  freshPrefix,
  makeClient,
  makeMessage,
  obliterate,
  quietLogger,
  startPipeline,
  testConfig,
  waitFor,
  type Pipeline,
} from './helpers';

useTestDatabase(__filename);

let smtp: TestSmtp;
let pipeline: Pipeline;
beforeAll(async () => {
  smtp = await startSmtpServer();
  pipeline = await startPipeline(
    testConfig({ SMTP_URL: smtp.url, MAIL_FROM: 'Receptionist <rx@example.test>' }),
  );
});
afterAll(async () => {
  await pipeline.close();
  await smtp.close();
});

const ZONE = 'Europe/Paris';
const qp = (s: string) =>
  Buffer.from(
    s
      .replace(/=\r?\n/g, '')
      .replace(/=([0-9A-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))),
    'latin1',
  ).toString('utf8');

/** A client with three calls and two messages in its last complete week, rolled up. */
async function clientWithLastWeek() {
  const client = await makeClient({
    timezone: ZONE,
    notifications: {
      sms: { enabled: false },
      email: { enabled: false, to: ['claire@example.test'] },
      weeklyReport: { enabled: true, weekday: 1, localTime: '08:00' },
    },
  });
  const week = lastCompleteWeek(new Date(), ZONE);
  const at = (day: number, hour: number) =>
    new Date(startOfLocalDay(addDays(week.from, day), ZONE).getTime() + hour * 3_600_000);
  const calls: [number, number, 'transferred' | 'message'][] = [
    [0, 10, 'transferred'],
    [1, 11, 'message'],
    [2, 15, 'message'],
  ];
  for (const [i, [day, hour, outcome]] of calls.entries()) {
    await recordCall({
      callSid: `CA${client.id}${i}`,
      clientId: client.id,
      from: `+3361234567${i}`,
      to: client.numbers[0]!,
      locale: 'fr-FR',
      status: 'completed',
      outcome,
      steps: [{ name: 'start', detail: 'open', at: at(day, hour) }],
      startedAt: at(day, hour),
      endedAt: new Date(at(day, hour).getTime() + 60_000),
      durationSeconds: 60,
    });
  }
  for (const [i, urgent] of [false, true].entries()) {
    const m = await makeMessage(client, { urgent, reason: urgent ? 'Fuite urgente' : 'Devis cuisine' });
    // createdAt is immutable for mongoose: back-dated through the driver, as the digest tests do.
    await MessageModel.collection.updateOne(
      { _id: new Types.ObjectId(m.id) },
      { $set: { createdAt: at(i + 1, 11) } },
    );
  }
  await rebuildRange(
    { now: () => new Date(), callerKeySecret: 'test-caller-key-secret-0123456789' },
    { clientIds: [client.id], from: addDays(week.from, -7), to: week.to },
  );
  return { client, week };
}

test('when the weekly job runs twice at once, then exactly one multipart email with its three inline charts arrives', async () => {
  const { client, week } = await clientWithLastWeek();
  const key = weeklyReportKey(client.id, week.from);
  const queue = pipeline.worker.queue;
  const jobs = await Promise.all([
    queue.add(NOTIFICATION_JOBS.weeklyReport, { clientId: client.id }),
    queue.add(NOTIFICATION_JOBS.weeklyReport, { clientId: client.id }),
  ]);
  const done = await waitFor(async () => {
    const states = await Promise.all(jobs.map((j) => queue.getJob(j.id!)));
    return states.every((j) => j?.finishedOn) && states;
  }, 'both weekly report jobs');
  expect(done.map((j) => (j!.returnvalue as { status: string }).status).sort()).toEqual([
    'already-sent',
    'sent',
  ]);
  // A third run later (a retry, the schedule after « send now »): still nothing more.
  const again = await queue.add(NOTIFICATION_JOBS.weeklyReport, { clientId: client.id });
  await waitFor(async () => (await queue.getJob(again.id!))?.finishedOn, 'the third run');

  const mails = smtp.withKey(key);
  expect(mails).toHaveLength(1);
  const mail = mails[0]!;
  expect(mail.to).toEqual(['claire@example.test']);
  expect(mail.raw).toMatch(
    new RegExp(`^Message-ID: <${key.replace(/\./g, '\\.')}@rx\\.example\\.test>\r?$`, 'm'),
  );
  const subject = qp(/^Subject: (.+(?:\r?\n\s.+)*)/m.exec(mail.raw)![1]!);
  expect(subject).toMatch(/Votre_semaine_du/);
  expect(subject).toMatch(/3_appels,_2_messages/);

  const parts = mimeParts(mail.raw);
  const text = parts.find((p) => p.headers['content-type']!.startsWith('text/plain'))!;
  const html = parts.find((p) => p.headers['content-type']!.startsWith('text/html'))!;
  const images = parts.filter((p) => p.headers['content-type']!.startsWith('image/png'));
  expect(qp(text.body)).toContain(`Appels reçus\u202f: 3 (semaine précédente\u202f: 0, nouveau)`);
  expect(qp(text.body)).toContain('Appels transférés\u202f: 1');
  expect(qp(text.body)).toMatch(/\[Urgent\] .* Fuite urgente — https:\/\/rx\.example\.test\/messages\//);
  expect(qp(text.body)).toContain(
    `https://rx.example.test/reports?client=${client.id}&period=week&date=${week.from}`,
  );
  const cids = images.map((p) => p.headers['content-id']);
  expect(cids.sort()).toEqual(
    (['calls', 'handling', 'hours'] as const).map((c) => `<${chartCid(c)}>`).sort(),
  );
  for (const cid of cids) expect(qp(html.body)).toContain(`src="cid:${cid!.slice(1, -1)}"`);
  expect(await findWeeklyReport(key)).toMatchObject({ status: 'sent', to: ['claire@example.test'] });
});

test('when the SMTP server refuses the report, then the week is released for a later send, and a claim left by a dead worker is taken over only once stale', async () => {
  const { client, week } = await clientWithLastWeek();
  await updateClient(client.id, {
    ...client,
    notifications: { ...client.notifications, weeklyReport: { enabled: true, to: ['nobody@example.test'] } },
  });
  const key = weeklyReportKey(client.id, week.from);
  const job = await pipeline.worker.queue.add(NOTIFICATION_JOBS.weeklyReport, { clientId: client.id });
  const failed = await waitFor(async () => {
    const j = await pipeline.worker.queue.getJob(job.id!);
    return j?.finishedOn ? j : undefined;
  }, 'the refused report');
  expect(failed.failedReason).toMatch(/550/);
  expect(await findWeeklyReport(key)).toBeNull();

  const now = new Date();
  const claim = { key, clientId: client.id, week: week.from, to: ['claire@example.test'] };
  const stale = (ms: number) => new Date(now.getTime() - ms);
  expect(await claimWeeklyReport(claim, stale(20 * 60_000), stale(35 * 60_000))).toBe(true);
  // Another run 20 minutes later: the first one's claim is older than 15 minutes, it takes over.
  expect(await claimWeeklyReport(claim, now, stale(15 * 60_000))).toBe(true);
  // A third run right after: the claim is fresh, it sends nothing.
  expect(await claimWeeklyReport(claim, now, stale(15 * 60_000))).toBe(false);
});

test('when a weekly job carries bad data, then it fails for good without retrying', async () => {
  const job = await pipeline.worker.queue.add(
    NOTIFICATION_JOBS.weeklyReport,
    { clientId: 'nope' },
    { attempts: 3 },
  );
  const failed = await waitFor(async () => {
    const j = await pipeline.worker.queue.getJob(job.id!);
    return j?.finishedOn ? j : undefined;
  }, 'the failed job');
  expect(failed.failedReason).toMatch(/clientId/);
  expect(failed.attemptsMade).toBe(1);
});

test('when a client turns the report on, then its scheduler is in Redis in its zone, comes back when lost, and goes when turned off', async () => {
  const client = await makeClient({
    timezone: 'America/New_York',
    notifications: {
      weeklyReport: { enabled: true, weekday: 5, localTime: '17:30', to: ['boss@example.test'] },
    },
  });
  const prefix = freshPrefix();
  const connection = createRedis(testConfig().redisUrl, 'blocking');
  const worker = await startNotificationWorker({
    connection,
    logger: quietLogger(),
    config: testConfig(),
    prefix,
    sweepEveryMs: 3_600_000,
    scheduleCheckEveryMs: 200,
  });
  const id = SCHEDULERS.weeklyReportOf(client.id);
  try {
    const scheduler = await worker.queue.getJobScheduler(id);
    expect(scheduler).toMatchObject({
      pattern: '30 17 * * 5',
      tz: 'America/New_York',
      name: NOTIFICATION_JOBS.weeklyReport,
      template: { data: { clientId: client.id }, opts: { attempts: 8, backoff: { type: 'notify' } } },
    });
    // Its next run: a Friday, 17:30 in New York.
    const next = new Date(Number(scheduler!.next));
    const local = new Intl.DateTimeFormat('en-US', {
      timeZone: 'America/New_York',
      weekday: 'long',
      hour: '2-digit',
      minute: '2-digit',
      hour12: false,
    }).format(next);
    expect(local).toBe('Friday 17:30');

    await worker.queue.removeJobScheduler(id);
    await waitFor(() => worker.queue.getJobScheduler(id), 'the scheduler back in Redis');

    const off = await updateClient(client.id, {
      ...client,
      notifications: {
        ...client.notifications,
        weeklyReport: { ...client.notifications.weeklyReport, enabled: false },
      },
    });
    await syncWeeklyReportSchedules(worker.queue, [off]);
    expect(await worker.queue.getJobScheduler(id)).toBeUndefined();
  } finally {
    await worker.close();
    await obliterate(prefix);
    connection.disconnect();
  }
});
