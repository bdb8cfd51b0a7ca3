/**
 * The admin API's appointments on the built-in book, and the calendar connection against the
 * Radicale `npm test` started: each route, its 400/404/409, and that a calendar password never
 * comes back in any answer.
 */
import mongoose from 'mongoose';
import request from 'supertest';
import { parseEnv } from '../../../src/config/env';
import { createLogger } from '../../../src/infra/logger';
import { startWeb, type WebRuntime } from '../../../src/main/runtime';
import { listAuditEvents } from '../../../src/store/audit';
import { clearRateLimits, redisUrl, testDatabaseUri } from '../../helpers/db';
import { newCalendar, testServer } from '../calendar/radicale';

const TOKEN = 'test-admin-api-token-0123456789';
let web: WebRuntime;
const api = (method: 'get' | 'post' | 'put' | 'patch' | 'delete', path: string) =>
  request(web.server)[method](`/api/v1${path}`).set('Authorization', `Bearer ${TOKEN}`);
/** Every answer's text, to look for the password in. */
const answers: string[] = [];
const seen = (res: request.Response) => {
  answers.push(res.text);
  return res;
};

const WEEKDAY = [{ start: '09:00', end: '18:00' }];
const HOURS = {
  mon: WEEKDAY,
  tue: WEEKDAY,
  wed: WEEKDAY,
  thu: WEEKDAY,
  fri: WEEKDAY,
  sat: WEEKDAY,
  sun: WEEKDAY,
};
const CONSULTATION = {
  id: 'consultation',
  name: 'Consultation',
  durationMinutes: 30,
  minNoticeMinutes: 0,
  slotStepMinutes: 30,
  slotsOffered: 3,
};
let clientId = '';

beforeAll(async () => {
  const config = parseEnv({
    NODE_ENV: 'test',
    PORT: '0',
    MONGODB_URI: testDatabaseUri(__filename),
    REDIS_URL: redisUrl(),
    ADMIN_API_TOKEN: TOKEN,
    // Radicale listens on the loopback.
    WEBHOOK_ALLOW_PRIVATE: 'true',
  });
  web = await startWeb(config, { logger: createLogger({ level: 'error', json: true }), host: '127.0.0.1' });
  await clearRateLimits(web.redis, config.mongodbUri);
  await mongoose.connection.db!.dropDatabase();
  await Promise.all(Object.values(mongoose.models).map((m) => m.init().then(() => m.syncIndexes())));
  const created = await api('post', '/clients')
    .send({ name: 'Cabinet Martin', numbers: ['+33180000901'], timezone: 'Europe/Paris', weeklyHours: HOURS })
    .expect(201);
  clientId = created.body.id;
});
afterAll(async () => {
  await web.stop();
});

type SlotView = { start: string; end: string; local: string };
const availability = async (query = 'type=consultation&limit=6'): Promise<SlotView[]> =>
  (await api('get', `/clients/${clientId}/availability?${query}`).expect(200)).body.data;
const book = (start: string, extra: Record<string, unknown> = {}) =>
  api('post', `/clients/${clientId}/appointments`).send({
    typeId: 'consultation',
    start,
    callerName: 'Jeanne Dupont',
    callerNumber: '06 12 34 56 78',
    reason: 'Douleur au genou',
    ...extra,
  });

describe('appointment types through PATCH /clients/{id}', () => {
  it('when the types are patched, then the profile has them with their defaults', async () => {
    const res = await api('patch', `/clients/${clientId}`)
      .send({ appointments: { types: [CONSULTATION], reminderHoursBefore: 24 } })
      .expect(200);
    expect(res.body.appointments.types[0]).toMatchObject({
      ...CONSULTATION,
      bufferMinutes: 0,
      newCallers: 'book',
    });
  });

  it('when a type is invalid, then 400 names its field and nothing changes', async () => {
    const res = await api('patch', `/clients/${clientId}`)
      .send({ appointments: { types: [{ ...CONSULTATION, durationMinutes: 3 }] } })
      .expect(400);
    expect(res.body.details.map((d: { path: string }) => d.path)).toContain(
      'appointments.types.0.durationMinutes',
    );
    const client = await api('get', `/clients/${clientId}`).expect(200);
    expect(client.body.appointments.types[0].durationMinutes).toBe(30);
  });
});

describe('GET /clients/{id}/availability', () => {
  it('when asked, then it answers free slots as ISO instants with the client’s local text', async () => {
    const slots = await availability();
    expect(slots).toHaveLength(6);
    expect(new Date(slots[0]!.end).getTime() - new Date(slots[0]!.start).getTime()).toBe(30 * 60_000);
    expect(slots[0]!.local).toMatch(
      /^(lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche) \d+ \S+ à \d+\u00a0h/,
    );
  });

  it('when a day and part of the day are asked, then the slots are that afternoon’s', async () => {
    const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const slots = await availability(`type=consultation&day=${day}&partOfDay=afternoon&limit=3`);
    expect(slots.length).toBeGreaterThan(0);
    for (const s of slots) expect(s.local).toMatch(/à 1[2-7]\u00a0h/);
  });

  it('when the type or the limit is wrong, or the client unknown, then 400 or 404', async () => {
    const unknown = await api('get', `/clients/${clientId}/availability?type=massage`).expect(400);
    expect(unknown.body.details).toEqual([{ path: 'query.type', message: 'no such appointment type' }]);
    const limit = await api('get', `/clients/${clientId}/availability?type=consultation&limit=99`).expect(
      400,
    );
    expect(limit.body.details[0].path).toBe('query.limit');
    await api('get', `/clients/${clientId}/availability?type=consultation&extra=1`).expect(400);
    await api('get', '/clients/0123456789abcdef01234567/availability?type=consultation').expect(404);
  });
});

describe('booking, reading, moving and cancelling', () => {
  let slots: SlotView[];
  let id = '';
  beforeAll(async () => {
    slots = await availability();
  });

  it('when a free slot is booked, then 201 with the appointment, its number read in the client’s country', async () => {
    const res = seen(await book(slots[0]!.start).expect(201));
    id = res.body.id;
    expect(res.headers.location).toBe(`/api/v1/appointments/${id}`);
    expect(res.body).toMatchObject({
      clientId,
      typeId: 'consultation',
      typeName: 'Consultation',
      start: slots[0]!.start,
      status: 'booked',
      caller: { name: 'Jeanne Dupont', number: '+33612345678' },
      bookedVia: 'api',
      calendar: 'builtin',
      local: slots[0]!.local,
    });
  });

  it('when the same slot is booked again, then 409 with alternatives', async () => {
    const res = await book(slots[0]!.start, { callerNumber: '+33698765432' }).expect(409);
    expect(res.body.details).toEqual([expect.objectContaining({ path: 'start' })]);
    expect(res.body.alternatives.length).toBeGreaterThan(0);
    expect(res.body.alternatives.map((s: SlotView) => s.start)).not.toContain(slots[0]!.start);
  });

  it('when the slot, the type or the number cannot be booked, then 400 names the field', async () => {
    const offGrid = new Date(new Date(slots[1]!.start).getTime() + 7 * 60_000).toISOString();
    expect((await book(offGrid).expect(400)).body.details[0].path).toBe('start');
    expect((await book(slots[1]!.start, { typeId: 'massage' }).expect(400)).body.details[0].path).toBe(
      'typeId',
    );
    expect((await book(slots[1]!.start, { callerNumber: '12' }).expect(400)).body.details[0].path).toBe(
      'callerNumber',
    );
    expect((await book('tomorrow').expect(400)).body.details[0].path).toBe('start');
    expect((await book(slots[1]!.start, { colour: 'blue' }).expect(400)).body.details[0].path).toBe('');
  });

  it('when read, then one appointment and the list of a range have it; a wrong range is a 400', async () => {
    seen(await api('get', `/appointments/${id}`).expect(200));
    const day = slots[0]!.start.slice(0, 10);
    const list = await api('get', `/clients/${clientId}/appointments?from=${day}&to=${day}`).expect(200);
    expect(list.body.data.map((a: { id: string }) => a.id)).toContain(id);
    await api('get', `/clients/${clientId}/appointments?from=${day}`).expect(400);
    await api('get', `/clients/${clientId}/appointments?from=2026-01-10&to=2026-01-01`).expect(400);
    await api('get', `/clients/${clientId}/appointments?from=2026-01-01&to=2026-06-01`).expect(400);
    await api('get', '/appointments/no-such-appointment').expect(404);
    await api('get', '/appointments/bad%20id!').expect(404);
  });

  it('when moved, then it starts at the new slot; onto a taken one, 409', async () => {
    const other = seen(await book(slots[2]!.start, { callerNumber: '+33698765432' }).expect(201));
    const moved = await api('patch', `/appointments/${id}`).send({ start: slots[1]!.start }).expect(200);
    expect(moved.body.start).toBe(slots[1]!.start);
    expect(moved.body.history.map((h: { action: string }) => h.action)).toEqual(['booked', 'moved']);
    const clash = await api('patch', `/appointments/${id}`).send({ start: other.body.start }).expect(409);
    expect(clash.body.alternatives.length).toBeGreaterThan(0);
    await api('patch', `/appointments/${id}`).send({ begin: slots[3]!.start }).expect(400);
  });

  it('when cancelled, then it is cancelled once: again is a 409, and every change is audited', async () => {
    const res = await api('post', `/appointments/${id}/cancel`).expect(200);
    expect(res.body).toMatchObject({ status: 'cancelled' });
    expect(res.body.cancelledAt).toEqual(expect.any(String));
    await api('post', `/appointments/${id}/cancel`).expect(409);
    await api('patch', `/appointments/${id}`).send({ start: slots[4]!.start }).expect(409);
    await api('post', '/appointments/no-such-appointment/cancel').expect(404);
    const actions = (await listAuditEvents({ targetId: id })).map((e) => e.action).sort();
    expect(actions).toEqual(['appointment.book', 'appointment.cancel', 'appointment.move']);
  });
});

describe('/clients/{id}/calendar', () => {
  const server = testServer();

  it('when nothing is connected, then the built-in book', async () => {
    expect((await api('get', `/clients/${clientId}/calendar`).expect(200)).body).toEqual({ kind: 'builtin' });
  });

  it('when the settings are wrong, then 400 names the field and nothing is connected', async () => {
    const bad = await api('put', `/clients/${clientId}/calendar`)
      .send({ url: 'not a url', username: 'u', password: 'p' })
      .expect(400);
    expect(bad.body.details[0].path).toBe('url');
    const url = await newCalendar(server);
    const refused = seen(
      await api('put', `/clients/${clientId}/calendar`)
        .send({ url, username: server.username, password: 'wrong-password-123' })
        .expect(400),
    );
    expect(refused.body.details).toEqual([expect.objectContaining({ path: 'password' })]);
    expect((await api('get', `/clients/${clientId}/calendar`).expect(200)).body).toEqual({ kind: 'builtin' });
  });

  it('when connected, tested and disconnected, then the password is never answered', async () => {
    const url = await newCalendar(server, 'Agenda du cabinet');
    const connected = seen(
      await api('put', `/clients/${clientId}/calendar`)
        .send({ url, username: server.username, password: server.password })
        .expect(200),
    );
    expect(connected.body).toMatchObject({ kind: 'caldav', url, username: server.username, password: 'set' });
    seen(await api('get', `/clients/${clientId}/calendar`).expect(200));
    const stored = seen(await api('post', `/clients/${clientId}/calendar/test`).expect(200));
    expect(stored.body).toMatchObject({ ok: true, calendarName: 'Agenda du cabinet' });
    const other = seen(
      await api('post', `/clients/${clientId}/calendar/test`)
        .send({ url, username: server.username, password: 'wrong-password-123' })
        .expect(200),
    );
    expect(other.body).toMatchObject({ ok: false, reason: 'credentials' });
    seen(await api('get', `/clients/${clientId}/availability?type=consultation`).expect(200));
    expect((await api('delete', `/clients/${clientId}/calendar`).expect(200)).body).toEqual({
      kind: 'builtin',
    });
    expect(answers.length).toBeGreaterThan(6);
    for (const text of answers) expect(text).not.toContain(server.password);
  });

  it('when the client is unknown, then 404', async () => {
    await api('get', '/clients/0123456789abcdef01234567/calendar').expect(404);
    await api('delete', '/clients/0123456789abcdef01234567/calendar').expect(404);
  });
});

describe('POST /clients/{id}/route-preview', () => {
  it('when a time is previewed, then it answers the slots a caller asking then would be offered', async () => {
    // A Monday at 17:40 in Paris, far ahead: the consultation's next slots are that evening's and Tuesday's.
    const res = await api('post', `/clients/${clientId}/route-preview`)
      .send({ from: '+33612345678', at: '2030-01-07T17:40:00+01:00' })
      .expect(200);
    expect(res.body.appointmentSlots).toEqual([
      {
        typeId: 'consultation',
        typeName: 'Consultation',
        slots: [
          {
            start: '2030-01-08T08:00:00.000Z',
            end: '2030-01-08T08:30:00.000Z',
            local: 'mardi 8 janvier à 9\u00a0h',
          },
          {
            start: '2030-01-08T08:30:00.000Z',
            end: '2030-01-08T09:00:00.000Z',
            local: 'mardi 8 janvier à 9\u00a0h\u00a030',
          },
          {
            start: '2030-01-08T09:00:00.000Z',
            end: '2030-01-08T09:30:00.000Z',
            local: 'mardi 8 janvier à 10\u00a0h',
          },
        ],
      },
    ]);
  });
});
