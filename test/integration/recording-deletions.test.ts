/**
 * Recordings deleted at Twilio (nock stands in for api.twilio.com): a failure is retried with
 * backoff until Twilio confirms; 404 means already gone; the job runs every minute through real
 * BullMQ and Redis.
 */
import { Queue, Worker } from 'bullmq';
import nock from 'nock';
import {
  deleteDueRecordings,
  nextAttemptDelay,
  NO_TWILIO_NOTE,
  type RecordingDeletionDeps,
} from '../../src/app/recording-deletions';
import { createRedis } from '../../src/infra/redis';
import { TransientError } from '../../src/notify/errors';
import { twilioRecordingDeleter } from '../../src/infra/twilio-recordings';
import { maintenanceProcessor } from '../../src/main/maintenance';
import { MAINTENANCE_JOBS, MAINTENANCE_SCHEDULES, QUEUES } from '../../src/queue/names';
import { keepSchedules } from '../../src/queue/schedule-keeper';
import { RecordingDeletionModel } from '../../src/store/models';
import { requestRecordingDeletions } from '../../src/store/recording-deletions';
import { redisUrl, useTestDatabase } from '../helpers/db';
import { ACCOUNT_SID, AUTH_TOKEN, freshPrefix, quietLogger, twilioJson, waitFor } from './notify/helpers';

useTestDatabase(__filename);

const CLIENT = '0123456789abcdef01234567';
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
const sid = (n: number) => `RE${String(n).padStart(32, '0')}`;
const path = (recording: string) => `/2010-04-01/Accounts/${ACCOUNT_SID}/Recordings/${recording}.json`;
const twilio = () => nock('https://api.twilio.com', { reqheaders: { authorization: BASIC } });
const deleter = twilioRecordingDeleter({
  accountSid: ACCOUNT_SID,
  authToken: AUTH_TOKEN,
  apiBaseUrl: 'https://api.twilio.com',
});
const stored = (recording: string) => RecordingDeletionModel.findById(recording).lean().orFail();

beforeAll(() => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
});
afterAll(() => {
  nock.cleanAll();
  nock.enableNetConnect();
});
afterEach(() => {
  // Every answer a test prepared was asked for: no more, no fewer calls to Twilio.
  expect(nock.pendingMocks()).toEqual([]);
  nock.cleanAll();
});

describe('recording deletions at Twilio', () => {
  it('when Twilio answers 500, then the deletion stays pending with its error, and the attempt after the backoff deletes it', async () => {
    const t0 = new Date('2026-05-04T10:00:00Z');
    let clock = t0;
    const deps: RecordingDeletionDeps = { twilio: deleter, now: () => clock };
    await requestRecordingDeletions([{ sid: sid(1), clientId: CLIENT }], 'retention', t0);

    twilio()
      .delete(path(sid(1)))
      .reply(...twilioJson(500, { code: 20500, message: 'Internal Server Error', status: 500 }));
    expect(await deleteDueRecordings(deps)).toEqual({ deleted: 0, alreadyGone: 0, failed: 1 });
    const failed = await stored(sid(1));
    expect(failed).toMatchObject({ status: 'pending', attempts: 1 });
    expect(failed.confirmedAt ?? null).toBeNull();
    expect(failed.lastError).toMatch(/HTTP 500/);
    expect(failed.nextAttemptAt).toEqual(new Date(t0.getTime() + 60_000));

    // Before the next attempt is due: Twilio is not asked (nock would refuse the request).
    clock = new Date(t0.getTime() + 30_000);
    expect(await deleteDueRecordings(deps)).toEqual({ deleted: 0, alreadyGone: 0, failed: 0 });

    // Busy: a second failure; the wait doubles to two minutes, but Twilio asked for five.
    clock = new Date(t0.getTime() + 61_000);
    twilio()
      .delete(path(sid(1)))
      .reply(
        ...twilioJson(
          429,
          { code: 20429, message: 'Too Many Requests', status: 429 },
          { 'Retry-After': '300' },
        ),
      );
    await deleteDueRecordings(deps);
    const again = await stored(sid(1));
    expect(again).toMatchObject({ status: 'pending', attempts: 2 });
    expect(again.lastError).toMatch(/HTTP 429/);
    expect(again.nextAttemptAt).toEqual(new Date(clock.getTime() + 300_000));

    clock = new Date(clock.getTime() + 301_000);
    twilio()
      .delete(path(sid(1)))
      .reply(204);
    expect(await deleteDueRecordings(deps)).toEqual({ deleted: 1, alreadyGone: 0, failed: 0 });
    expect(await stored(sid(1))).toMatchObject({ status: 'deleted', lastError: '', confirmedAt: clock });

    // Confirmed: never asked again.
    clock = new Date(clock.getTime() + 86_400_000);
    expect(await deleteDueRecordings(deps)).toEqual({ deleted: 0, alreadyGone: 0, failed: 0 });
  });

  it('when Twilio answers 404, then the recording is already gone: the deletion is confirmed', async () => {
    const now = new Date('2026-05-05T10:00:00Z');
    await requestRecordingDeletions([{ sid: sid(2), clientId: CLIENT }], 'erasure', now);
    twilio()
      .delete(path(sid(2)))
      .reply(
        ...twilioJson(404, { code: 20404, message: 'The requested resource was not found', status: 404 }),
      );
    expect(await deleteDueRecordings({ twilio: deleter, now: () => now })).toEqual({
      deleted: 0,
      alreadyGone: 1,
      failed: 0,
    });
    expect(await stored(sid(2))).toMatchObject({ status: 'deleted', confirmedAt: now, reason: 'erasure' });
  });

  it('when Twilio keeps failing, then the wait doubles from one minute up to six hours, and never shortens Retry-After', () => {
    expect([1, 2, 3, 4].map((n) => nextAttemptDelay(n))).toEqual([60_000, 120_000, 240_000, 480_000]);
    expect(nextAttemptDelay(9)).toBe(256 * 60_000);
    expect(nextAttemptDelay(10)).toBe(6 * 3600_000);
    expect(nextAttemptDelay(40)).toBe(6 * 3600_000);
    expect(nextAttemptDelay(1, new TransientError('busy', 300_000))).toBe(300_000);
  });

  it('when there is no Twilio account (development), then nothing is asked of Twilio and the deletion is confirmed with a note', async () => {
    const now = new Date('2026-05-06T10:00:00Z');
    await requestRecordingDeletions([{ sid: sid(3), clientId: CLIENT }], 'retention', now);
    await deleteDueRecordings({ twilio: null, now: () => now });
    expect(await stored(sid(3))).toMatchObject({ status: 'deleted', note: NO_TWILIO_NOTE });
  });

  it('when the worker runs the maintenance schedule through BullMQ and Redis, then the every-minute job deletes the due recordings', async () => {
    const schedule = MAINTENANCE_SCHEDULES.find((s) => s.id === MAINTENANCE_JOBS.deleteRecordings);
    expect(schedule?.repeat).toEqual({ every: 60_000 });
    const prefix = freshPrefix();
    const connection = createRedis(redisUrl(), 'blocking');
    const queue = new Queue(QUEUES.maintenance, { connection, prefix });
    const processor = maintenanceProcessor({
      purge: { now: () => new Date(), retention: { outboxDays: 90, auditDays: 365 } },
      recordings: { twilio: deleter, now: () => new Date() },
      closeIdleCalls: async () => 0,
      restoreAppointmentJobs: async () => ({ reminders: 0, confirmations: 0 }),
      refreshReportRollups: async () => ({ days: 0, changed: 0 }),
    });
    const done: string[] = [];
    const worker = new Worker(QUEUES.maintenance, processor, { connection, prefix, concurrency: 1 });
    worker.on('completed', (job) => done.push(job.name));
    const keeper = await keepSchedules({
      queue,
      connection,
      logger: quietLogger(),
      schedules: () => [schedule!],
    });
    try {
      await requestRecordingDeletions([{ sid: sid(4), clientId: CLIENT }], 'retention', new Date());
      twilio()
        .delete(path(sid(4)))
        .reply(204);
      // The scheduler is in Redis, repeating every minute; its first job comes at the next whole
      // minute, so the test adds the same job now rather than wait for it.
      const scheduler = await queue.getJobScheduler(MAINTENANCE_JOBS.deleteRecordings);
      expect(scheduler).toMatchObject({ every: 60_000, name: MAINTENANCE_JOBS.deleteRecordings });
      await queue.add(MAINTENANCE_JOBS.deleteRecordings, {});
      await waitFor(async () => (await stored(sid(4))).status === 'deleted', 'the deletion confirmed');
      await waitFor(async () => done.includes(MAINTENANCE_JOBS.deleteRecordings), 'the job completed');
    } finally {
      keeper.close();
      await worker.close();
      await queue.obliterate({ force: true }).catch(() => undefined);
      await queue.close();
      connection.disconnect();
    }
  });
});

describe('asking for many recording deletions at once', () => {
  it('when a purge or an erasure asks for 500 deletions in one call, then each is recorded once, and asking again adds none', async () => {
    const recordings = Array.from({ length: 500 }, (_, i) => ({ sid: sid(10_000 + i), clientId: CLIENT }));
    const at = new Date('2026-05-04T03:30:00Z');
    expect(await requestRecordingDeletions(recordings, 'retention', at)).toBe(500);
    expect(await requestRecordingDeletions(recordings.slice(0, 50), 'erasure', at)).toBe(0);
    const first = await stored(sid(10_000));
    expect(first).toMatchObject({ reason: 'retention', status: 'pending', attempts: 0 });
    expect(
      await RecordingDeletionModel.countDocuments({ _id: { $gte: sid(10_000), $lte: sid(10_499) } }),
    ).toBe(500);
  }, 60_000);
});
