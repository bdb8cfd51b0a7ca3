/**
 * Connecting a client's calendar, against the real FerretDB and Radicale: tested before it is
 * saved, the password sealed and never shown, every change audited, and the calls' calendar
 * switched at once.
 */
import { createServer } from 'node:net';
import { CalendarConnectionModel } from '../../../src/store/models';
import { listAuditEvents } from '../../../src/store/audit';
import { createClient, type Client } from '../../../src/store/clients';
import {
  calendarConnectionOf,
  calendarFor,
  connectCalendar,
  disconnectCalendar,
  testCalendarConnection,
  type CalendarConnectionDeps,
} from '../../../src/app/calendar-connections';
import { CalendarUnavailableError } from '../../../src/app/calendar-port';
import { InvalidInputError } from '../../../src/domain/errors';
import type { ActionSource } from '../../../src/domain/access';
import { caldavCalendar } from '../../../src/infra/caldav-calendar';
import { openSecret } from '../../../src/infra/secret-box';
import { useTestDatabase } from '../../helpers/db';
import { newCalendar, testServer } from './radicale';

useTestDatabase(__filename);

const server = testServer();
const KEY = 'calendar-credentials-key-for-the-integration-tests';
const deps: CalendarConnectionDeps = {
  credentialsKey: KEY,
  timeoutMs: 3000,
  outbound: { requireHttps: false, allowPrivate: true },
};
const source: ActionSource = {
  actor: { type: 'api-token', id: 'admin-api-token', label: 'admin-api-token' },
  ip: '203.0.113.7',
  via: 'api',
};
let numbers = 0;
const newClient = (): Promise<Client> =>
  createClient({ name: 'Cabinet Martin', numbers: [`+3318000${String(800 + numbers++).padStart(4, '0')}`] });

async function closedPort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  const { port } = s.address() as { port: number };
  await new Promise((resolve) => s.close(resolve));
  return port;
}

async function failureOf(work: Promise<unknown>): Promise<InvalidInputError> {
  const error = await work.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(InvalidInputError);
  return error as InvalidInputError;
}

describe('connecting a calendar', () => {
  it('tests, then saves the connection with the password sealed, never returned, and audited', async () => {
    const client = await newClient();
    const url = await newCalendar(server, 'Agenda du cabinet');

    const { view, check } = await connectCalendar(deps, source, client.id, {
      url,
      username: server.username,
      password: server.password,
    });

    expect(check).toEqual({ ok: true, calendarName: 'Agenda du cabinet', calendarUrl: url });
    expect(view).toMatchObject({
      kind: 'caldav',
      url,
      username: server.username,
      passwordSet: true,
      checkOk: true,
    });
    expect(JSON.stringify(view)).not.toContain(server.password);
    expect(JSON.stringify(await calendarConnectionOf(client.id))).not.toContain(server.password);

    const stored = await CalendarConnectionModel.findById(client.id).lean();
    expect(JSON.stringify(stored)).not.toContain(server.password);
    expect(openSecret(stored!.passwordSealed, KEY)).toBe(server.password);

    const [entry] = await listAuditEvents({ targetId: client.id, action: 'calendar.connect' });
    expect(entry).toMatchObject({ actor: { type: 'api-token' }, ip: '203.0.113.7' });
    expect(String(entry!.clientId)).toBe(client.id);
    expect(entry!.detail).toMatchObject({ url, calendar: 'Agenda du cabinet' });
    expect(JSON.stringify(entry)).not.toContain(server.password);
  });

  it('saves nothing when the server refuses the password, and names the field with the server’s reason', async () => {
    const client = await newClient();
    const url = await newCalendar(server);

    const error = await failureOf(
      connectCalendar(deps, source, client.id, {
        url,
        username: server.username,
        password: 'wrong-password',
      }),
    );
    expect(error.details).toEqual([
      { path: 'password', message: expect.stringMatching(/username or password/) },
    ]);
    expect(await calendarConnectionOf(client.id)).toEqual({ kind: 'builtin' });
    expect(await listAuditEvents({ targetId: client.id, action: 'calendar.connect' })).toEqual([]);
  });

  it('saves nothing when the address does not answer, and names the address', async () => {
    const client = await newClient();
    const error = await failureOf(
      connectCalendar({ ...deps, timeoutMs: 300 }, source, client.id, {
        url: `http://127.0.0.1:${await closedPort()}/dav/`,
        username: 'dr-martin',
        password: 'secret',
      }),
    );
    expect(error.details[0]).toMatchObject({
      path: 'url',
      message: expect.stringMatching(/could not reach/),
    });
    expect(await calendarConnectionOf(client.id)).toEqual({ kind: 'builtin' });
  });

  it.each([
    ['something that is no address', { url: 'calendrier du cabinet', username: 'a', password: 'b' }, 'url'],
    [
      'a too long address',
      { url: `https://cal.example.org/${'x'.repeat(500)}`, username: 'a', password: 'b' },
      'url',
    ],
    [
      'an address that is no http(s) URL',
      { url: 'ftp://cal.example.org/', username: 'a', password: 'b' },
      'url',
    ],
    [
      'credentials inside the address',
      { url: 'https://a:b@cal.example.org/', username: 'a', password: 'b' },
      'url',
    ],
    ['an empty username', { url: 'https://cal.example.org/', username: ' ', password: 'b' }, 'username'],
    ['no password when none is stored', { url: 'https://cal.example.org/', username: 'a' }, 'password'],
  ])('refuses %s', async (_name, input, field) => {
    const client = await newClient();
    const error = await failureOf(connectCalendar(deps, source, client.id, input));
    expect(error.details.map((d) => d.path)).toContain(field);
  });

  it('refuses a private address where the policy wants public hosts', async () => {
    const client = await newClient();
    const error = await failureOf(
      connectCalendar({ ...deps, outbound: undefined }, source, client.id, {
        url: 'https://10.0.0.5/dav/',
        username: 'a',
        password: 'b',
      }),
    );
    expect(error.details[0]?.path).toBe('url');
  });

  it('keeps the stored password when settings change without one', async () => {
    const client = await newClient();
    const first = await newCalendar(server, 'Premier');
    const second = await newCalendar(server, 'Second');
    await connectCalendar(deps, source, client.id, {
      url: first,
      username: server.username,
      password: server.password,
    });

    const { check } = await connectCalendar(deps, source, client.id, {
      url: second,
      username: server.username,
    });
    expect(check).toMatchObject({ ok: true, calendarName: 'Second' });
    expect(await calendarConnectionOf(client.id)).toMatchObject({ url: second });
  });
});

describe('testing a connection', () => {
  it('tests the stored connection and records the result; tests other settings without saving them', async () => {
    const client = await newClient();
    const url = await newCalendar(server);
    await connectCalendar(deps, source, client.id, {
      url,
      username: server.username,
      password: server.password,
    });
    const at = new Date('2026-12-02T10:00:00Z');

    expect(await testCalendarConnection({ ...deps, now: () => at }, source, client.id)).toMatchObject({
      ok: true,
    });
    expect(await calendarConnectionOf(client.id)).toMatchObject({
      checkedAt: at,
      checkOk: true,
      checkError: '',
    });

    const other = await testCalendarConnection(deps, source, client.id, {
      url,
      username: server.username,
      password: 'wrong-password',
    });
    expect(other).toMatchObject({ ok: false, error: expect.stringMatching(/username or password/) });
    expect(await calendarConnectionOf(client.id)).toMatchObject({ checkOk: true });
    const stored = await CalendarConnectionModel.findById(client.id).lean();
    expect(openSecret(stored!.passwordSealed, KEY)).toBe(server.password);

    const tests = await listAuditEvents({ targetId: client.id, action: 'calendar.test' });
    expect(tests.map((t) => t.detail)).toEqual([
      { stored: false, ok: false, error: expect.stringMatching(/username or password/) },
      { stored: true, ok: true },
    ]);
  });
});

describe('the calendar a client’s calls use', () => {
  it('is the built-in book, then the CalDAV calendar from its connection on, then the book again after disconnecting', async () => {
    const client = await newClient();
    const url = await newCalendar(server);
    const calendarOf = calendarFor(deps);
    expect((await calendarOf(client)).kind).toBe('builtin');

    await connectCalendar(deps, source, client.id, {
      url,
      username: server.username,
      password: server.password,
    });
    const calendar = await calendarOf(client);
    expect(calendar.kind).toBe('caldav');
    await calendar.create({
      uid: 'apt-from-a-call',
      start: new Date('2026-12-08T09:00:00Z'),
      end: new Date('2026-12-08T09:30:00Z'),
      timeZone: client.timezone,
      summary: 'Consultation – Jeanne Dupont',
      description: 'Pris par téléphone.',
    });
    const direct = caldavCalendar({
      url,
      username: server.username,
      password: server.password,
      timeZone: 'Europe/Paris',
      timeoutMs: 3000,
    });
    expect(await direct.busy(new Date('2026-12-08T00:00:00Z'), new Date('2026-12-09T00:00:00Z'))).toEqual([
      {
        start: new Date('2026-12-08T09:00:00Z'),
        end: new Date('2026-12-08T09:30:00Z'),
        uid: 'apt-from-a-call',
      },
    ]);

    expect(await disconnectCalendar(deps, source, client.id)).toEqual({ kind: 'builtin' });
    expect((await calendarOf(client)).kind).toBe('builtin');
    expect(await CalendarConnectionModel.findById(client.id).lean()).toBeNull();
    expect(await listAuditEvents({ targetId: client.id, action: 'calendar.disconnect' })).toHaveLength(1);
  });

  it('is unavailable, and says so on the settings, when the stored password cannot be read', async () => {
    const client = await newClient();
    const url = await newCalendar(server);
    await connectCalendar(deps, source, client.id, {
      url,
      username: server.username,
      password: server.password,
    });

    const calendar = await calendarFor({
      ...deps,
      credentialsKey: 'another-key-after-a-rotation-of-the-secret',
    })(client);
    await expect(calendar.busy(new Date(), new Date(Date.now() + 3600_000))).rejects.toBeInstanceOf(
      CalendarUnavailableError,
    );
    expect(await calendarConnectionOf(client.id)).toMatchObject({
      checkOk: false,
      checkError: expect.stringMatching(/connect the calendar again/),
    });
  });
});
