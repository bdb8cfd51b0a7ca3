/**
 * `npm run bench:booking`: how long a caller waits between pressing 1 to confirm an appointment
 * and hearing it is booked — the confirmation webhook, which checks the slot again under the
 * calendar's lock and writes the event — on the built-in book and on a real CalDAV calendar
 * (Radicale), through the real voice webhooks (signed like Twilio's) of an in-process web server
 * on the local FerretDB and Redis. Prints figures; never fails on speed.
 *
 *   BENCH_CALLS (default 60)   booking calls per calendar
 */
import { randomUUID } from 'node:crypto';
import { rmSync } from 'node:fs';
import path from 'node:path';
import mongoose from 'mongoose';
import { connectCalendar } from '../../src/app/calendar-connections';
import { parseEnv } from '../../src/config/env';
import { createLogger } from '../../src/infra/logger';
import { metricsText } from '../../src/infra/metrics';
import { startWeb } from '../../src/main/runtime';
import { createClient, type Client } from '../../src/store/clients';
import { AppointmentModel } from '../../src/store/models';
import { bold, dim, green, step } from '../lib/console';
import { startRadicale } from '../lib/radicale';
import { ensureMongo, ensureRedis, freePort, ROOT, type Service } from '../lib/services';
import type { CallerStep } from '../simulator/behaviour';
import { playCall } from './call-driver';
import { TwilioClient } from './http';

const CALLS = Number(process.env.BENCH_CALLS ?? 60);
const CONFIRM_PATH = '/webhooks/voice/appointment-confirm';
const SOURCE = {
  actor: { type: 'system' as const, id: 'bench', label: 'bench' },
  ip: '127.0.0.1',
  via: 'system' as const,
};
const always = Object.fromEntries(
  ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ start: '00:00', end: '24:00' }]]),
);
/** A booking by speech and keys: the request, the first slot, the name, the caller ID, the confirmation. */
const BOOKING: CallerStep[] = [
  { kind: 'say', text: 'Je voudrais prendre rendez-vous' },
  { kind: 'press', digits: '1' },
  { kind: 'say', text: 'Jeanne Dupont' },
  { kind: 'press', digits: '1' },
  { kind: 'press', digits: '1' },
];

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;

function line(label: string, values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  const f = (n: number) => `${n.toFixed(1)} ms`.padStart(9);
  return `  ${label.padEnd(44)} p50 ${f(percentile(sorted, 50))}  p95 ${bold(f(percentile(sorted, 95)))}  max ${f(sorted.at(-1) ?? NaN)}  (n=${sorted.length})`;
}

/** The booking histogram's sum and count, to read the use case's own time between two points. */
async function bookingHistogram(): Promise<{ sum: number; count: number }> {
  const { body } = await metricsText();
  const value = (name: string) =>
    Number(new RegExp(`^receptionist_appointment_booking_seconds_${name} (\\S+)$`, 'm').exec(body)?.[1] ?? 0);
  return { sum: value('sum'), count: value('count') };
}

async function main(): Promise<void> {
  const runDir = path.join(ROOT, 'var', 'bench-booking');
  rmSync(runDir, { recursive: true, force: true });
  const services: Service[] = [];
  const mongo = await ensureMongo(path.join(runDir, 'ferretdb'), 'bench_booking');
  services.push(mongo);
  const redis = await ensureRedis(path.join(runDir, 'redis'));
  services.push(redis);
  const caldav = await startRadicale(path.join(runDir, 'radicale'));
  services.push(caldav);
  step(`Services: ${mongo.url}, ${redis.url}, Radicale ${caldav.url}`);

  try {
    await run(services);
  } finally {
    await mongoose.disconnect().catch(() => undefined);
    for (const s of services.reverse()) await s.stop();
  }
}

async function run(services: Service[]): Promise<void> {
  const [mongo, redis, caldav] = services as [Service, Service, Awaited<ReturnType<typeof startRadicale>>];
  const port = await freePort();
  const config = parseEnv({
    ...process.env,
    NODE_ENV: 'development',
    PORT: String(port),
    PUBLIC_BASE_URL: `http://127.0.0.1:${port}`,
    MONGODB_URI: mongo.url,
    REDIS_URL: redis.url,
    LOG_LEVEL: 'error',
    // Radicale runs on loopback.
    WEBHOOK_ALLOW_PRIVATE: 'true',
  });
  const web = await startWeb(config, { logger: createLogger({ level: 'error', json: false }) });
  const target = new TwilioClient(
    {
      baseUrl: `http://127.0.0.1:${port}`,
      publicBaseUrl: config.publicBaseUrl,
      authToken: config.twilio.authToken,
    },
    4,
  );

  const profile = (name: string, number: string) => ({
    name,
    numbers: [number],
    timezone: 'Europe/Paris',
    weeklyHours: always,
    appointments: {
      types: [
        {
          id: 'consultation',
          name: 'Consultation',
          durationMinutes: 15,
          minNoticeMinutes: 0,
          slotStepMinutes: 15,
        },
      ],
    },
  });
  const builtin = await createClient(profile('Cabinet Intégré', '+33180000901'));
  const remote = await createClient(profile('Cabinet CalDAV', '+33180000902'));
  const calendarUrl = `${caldav.url}${caldav.username}/${randomUUID()}/`;
  const auth = `Basic ${Buffer.from(`${caldav.username}:${caldav.password}`).toString('base64')}`;
  const made = await fetch(calendarUrl, { method: 'MKCALENDAR', headers: { authorization: auth } });
  if (made.status !== 201) throw new Error(`MKCALENDAR answered ${made.status}`);
  await connectCalendar(
    {
      credentialsKey: config.calendars.credentialsKey,
      timeoutMs: config.calendars.timeoutMs,
      outbound: config.outbound,
    },
    SOURCE,
    remote.id,
    { url: calendarUrl, username: caldav.username, password: caldav.password },
  );

  console.log(
    `\n${bold('Booking calls')} ${dim(`(${CALLS} per calendar, one at a time, every webhook signed and timed)`)}`,
  );
  for (const client of [builtin, remote] as Client[]) {
    const confirm: number[] = [];
    const all: number[] = [];
    const before = await bookingHistogram();
    let booked = 0;
    let failSafe = 0;
    for (let i = 0; i < CALLS; i++) {
      const from = `+336200${String(10000 + i).slice(-5)}`;
      const result = await playCall(target, {
        accountSid: `AC${'0'.repeat(32)}`,
        from,
        to: client.numbers[0]!,
        caller: BOOKING,
      });
      if (result.outcome === 'fail-safe') failSafe += 1;
      for (const s of result.samples) {
        all.push(s.ms);
        if (s.path === CONFIRM_PATH) confirm.push(s.ms);
      }
    }
    booked = await AppointmentModel.countDocuments({ clientId: client.id, status: 'booked' });
    const after = await bookingHistogram();
    const kind = client.id === remote.id ? 'CalDAV (Radicale)' : 'built-in book';
    console.log(
      `\n ${bold(kind)}: ${green(`${booked} booked`)} of ${CALLS} calls${failSafe ? `, ${failSafe} fail-safe answers` : ''}`,
    );
    console.log(line('confirmation webhook (press 1 → “C’est noté”)', confirm));
    console.log(line('every webhook of the calls', all));
    const useCaseMean =
      after.count > before.count ? ((after.sum - before.sum) / (after.count - before.count)) * 1000 : NaN;
    console.log(
      `  ${'of which the booking itself (lock, check, write)'.padEnd(44)} mean ${useCaseMean.toFixed(1)} ms`,
    );
  }

  await web.stop();
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error((err as Error).stack ?? String(err));
    process.exit(1);
  },
);
