/**
 * Admin API requests: every route of `/api/v1` with ids that exist, ids that do not and ids that
 * are not ids; bodies that are valid but for a field or three; query strings repeated, nested,
 * named after operators; and the bearer token right, absent or wrong.
 */
import fc from 'fast-check';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import { jsonValue, mutatedObject, PROFILE_NEAR_MISSES, withPath, type Json } from './json';
import { encode } from '../support/form';
import { mostly, nastyText } from './strings';

export type Ids = {
  clients: string[];
  messages: string[];
  users: string[];
  appointments?: string[];
  calls?: string[];
};

const PROFILE_PATHS = [
  'name',
  'numbers',
  'numbers.0',
  'numbers.1',
  'locale',
  'voice',
  'greeting',
  'timezone',
  'weeklyHours',
  'weeklyHours.mon',
  'weeklyHours.mon.0.start',
  'weeklyHours.sun.0',
  'closures',
  'closures.0.from',
  'closures.0.to',
  'closures.0.label',
  'override',
  'override.until',
  'override.mode',
  'address',
  'transferTargets.0.number',
  'transferTargets.0.name',
  'transferTargets.0.ringSeconds',
  'transfer.mode',
  'transfer.screening',
  'fallbackNumber',
  'vipNumbers',
  'vipNumbers.0',
  'blockedNumbers',
  'urgencyKeywords',
  'urgencyKeywords.0',
  'rules',
  'rules.0.name',
  'rules.0.when',
  'rules.0.when.timeWindow',
  'rules.0.when.timeWindow.start',
  'rules.0.then',
  'rules.0.then.text',
  'defaultAction',
  'defaultAction.type',
  'messageTaking.maxRecordingSeconds',
  'messageTaking.recording',
  'consent.recordingNotice',
  'retention.messageDays',
  'notifications.sms.to',
  'notifications.email.to.0',
  'notifications.webhook',
  'notifications.webhook.url',
  'notifications.webhook.secret',
  'notifications.webhook.enabled',
  'notifications.escalation.backup',
  'notifications.digest.localTime',
  'maxCallSeconds',
] as const;

/** A valid profile on numbers of its own (so that a create does not merely conflict). */
const validProfile: fc.Arbitrary<Json> = fc.integer({ min: 1_000_000, max: 9_999_999 }).map((n) => ({
  ...(JSON.parse(JSON.stringify(DEMO_CLIENT)) as Record<string, Json>),
  name: `Client ${n}`,
  numbers: [`+33187${n}`.slice(0, 12)],
  override: { mode: 'open', until: '2099-01-01T00:00:00Z' },
  rules: [
    {
      name: 'Mornings',
      when: { timeWindow: { days: ['mon'], start: '08:00', end: '12:00' }, menuChoice: 'urgent' },
      then: { type: 'say', text: 'Bonjour', thenMenu: true },
    },
  ],
  notifications: {
    sms: { enabled: true, to: ['+33612345678'] },
    email: { enabled: true, to: ['office@example.com'] },
    webhook: { enabled: true, url: 'https://hooks.example.com/receptionist', secret: 'a-secret-of-16-chars' },
    escalation: {
      enabled: true,
      delayMinutes: 5,
      resends: 1,
      backup: { name: 'Backup', number: '+33612345679' },
    },
    digest: { enabled: true, localTime: '08:00' },
  },
}));

export const profileBody = fc.oneof(
  { weight: 5, arbitrary: mutatedObject(validProfile, PROFILE_PATHS) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(validProfile, fc.constantFrom(...PROFILE_NEAR_MISSES))
      .map(([profile, [path, value]]) => withPath(profile, path, value)),
  },
);

/** A merge patch: a few profile fields, maybe `active`, maybe nulls that delete. */
const patchBody = fc
  .tuple(
    fc.subarray([...PROFILE_PATHS], { maxLength: 3 }),
    fc.array(jsonValue, { minLength: 3, maxLength: 3 }),
    fc.option(mostly(fc.boolean()), { nil: undefined }),
  )
  .map(([paths, values, active]) => {
    const patch: Record<string, Json> = {};
    paths.forEach((p, i) => (patch[p.split('.')[0]!] = values[i] ?? null));
    if (active !== undefined) patch.active = active;
    return patch as Json;
  });

const userBody = (ids: Ids) =>
  mutatedObject(
    fc.record({
      email: fc.nat(1_000_000).map((n) => `user${n}@example.com`),
      name: mostly(fc.constantFrom('Camille', 'Zoë Ø’Brien')),
      role: fc.constantFrom('admin', 'assistant'),
      password: fc.constant('a long enough password'),
      clientIds: fc.subarray(ids.clients),
      locale: fc.constantFrom('fr-FR', 'en-US'),
    }) as fc.Arbitrary<Json>,
    ['email', 'name', 'role', 'password', 'clientIds', 'clientIds.0', 'locale'],
  );

const userChanges = (ids: Ids) =>
  mutatedObject(
    fc.record(
      {
        name: fc.constant('Renamed'),
        role: fc.constantFrom('admin', 'assistant'),
        clientIds: fc.subarray(ids.clients),
        active: fc.boolean(),
        locale: fc.constantFrom('fr-FR', 'en-US'),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Json>,
    ['name', 'role', 'clientIds', 'clientIds.0', 'active', 'locale', 'password', 'email'],
  );

const messageChanges = (ids: Ids) =>
  mutatedObject(
    fc.record(
      {
        status: fc.constantFrom('new', 'in_progress', 'handled'),
        assigneeId: fc.oneof(fc.constantFrom(...ids.users), fc.constant(null)),
      },
      { requiredKeys: [] },
    ) as fc.Arbitrary<Json>,
    ['status', 'assigneeId'],
  );

const noteBody = mutatedObject(
  fc.record({ text: mostly(fc.constant('Rappelé, RDV jeudi.')) }) as fc.Arbitrary<Json>,
  ['text'],
);

const previewBody = mutatedObject(
  fc.record(
    {
      from: fc.constantFrom('+33612345678', '+33611111111', '+33699999999'),
      at: fc.constantFrom('2026-03-29T01:30:00Z', '2026-12-25T10:00:00+01:00', '2026-06-01T08:00:00Z'),
      digits: fc.constantFrom('1', '2', '9', '*#'),
      speech: mostly(fc.constant('urgent')),
    },
    { requiredKeys: ['from'] },
  ) as fc.Arbitrary<Json>,
  ['from', 'at', 'digits', 'speech'],
);

/** An id that exists, one that does not, or something that is not an id, URL-encoded. */
const idFrom = (pool: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(
        '000000000000000000000000',
        'ffffffffffffffffffffffff',
        pool[0]!.toUpperCase(),
      ),
    },
    { weight: 1, arbitrary: nastyText.map((t) => encode(t).slice(0, 300) || '%20') },
  );

const QUERY_KEYS = [
  'type',
  'day',
  'partOfDay',
  'limit',
  'cursor',
  'page',
  'clientId',
  'status',
  'urgent',
  'from',
  'to',
  'active',
  'role',
  'name[$ne]',
  '__proto__',
  'constructor',
  'limit[]',
  // the call log
  'outcome',
  'caller',
  'lang',
  // the reports
  'client',
  'period',
  'date',
  'olderThanDays',
];

const query = fc.array(
  fc.tuple(
    fc.constantFrom(...QUERY_KEYS),
    fc.oneof(
      fc.constantFrom(
        '1',
        '100',
        '101',
        '0',
        'true',
        'false',
        'new',
        'admin',
        '2026-01-01',
        '2026-02-30',
        '2026-01-01T00:00:00Z',
        'consultation',
        'week',
        'custom',
        'afternoon',
        'abcdefghijkl',
        '999999',
      ),
      nastyText,
    ),
  ),
  { maxLength: 4 },
);

export type ApiCall = { method: string; path: string; query: [string, string][]; body: Json | undefined };

export function apiCall(ids: Ids): fc.Arbitrary<ApiCall> {
  const client = idFrom(ids.clients);
  const message = idFrom(ids.messages);
  const user = idFrom(ids.users);
  const call = (method: string, path: fc.Arbitrary<string>, body?: fc.Arbitrary<Json>) =>
    fc.record({ method: fc.constant(method), path, query, body: body ?? fc.constant(undefined) });
  return fc.oneof(
    call('GET', fc.constant('/openapi.json')),
    call('GET', fc.constant('/clients')),
    { weight: 4, arbitrary: call('POST', fc.constant('/clients'), profileBody) },
    call(
      'GET',
      client.map((id) => `/clients/${id}`),
    ),
    {
      weight: 3,
      arbitrary: call(
        'PUT',
        client.map((id) => `/clients/${id}`),
        profileBody,
      ),
    },
    {
      weight: 3,
      arbitrary: call(
        'PATCH',
        client.map((id) => `/clients/${id}`),
        patchBody,
      ),
    },
    call(
      'DELETE',
      client.map((id) => `/clients/${id}`),
    ),
    {
      weight: 2,
      arbitrary: call(
        'POST',
        client.map((id) => `/clients/${id}/route-preview`),
        previewBody,
      ),
    },
    call('GET', fc.constant('/users')),
    { weight: 2, arbitrary: call('POST', fc.constant('/users'), userBody(ids)) },
    call(
      'GET',
      user.map((id) => `/users/${id}`),
    ),
    {
      weight: 2,
      arbitrary: call(
        'PATCH',
        user.map((id) => `/users/${id}`),
        userChanges(ids),
      ),
    },
    { weight: 2, arbitrary: call('GET', fc.constant('/messages')) },
    call(
      'GET',
      message.map((id) => `/messages/${id}`),
    ),
    {
      weight: 2,
      arbitrary: call(
        'PATCH',
        message.map((id) => `/messages/${id}`),
        messageChanges(ids),
      ),
    },
    {
      weight: 2,
      arbitrary: call(
        'POST',
        message.map((id) => `/messages/${id}/notes`),
        noteBody,
      ),
    },
    // Part A, settings history: the versions of a client or a user, one, a comparison, a restore.
    ...versionCalls(call, client, user),
    call(
      'POST',
      fc
        .tuple(message, nastyText)
        .map(([id, key]) => `/messages/${id}/deliveries/${encode(key).slice(0, 300) || 'k'}/retry`),
    ),
    // The call log: the list with its filters, one call.
    { weight: 2, arbitrary: call('GET', fc.constant('/calls')) },
    ...(ids.calls?.length
      ? [
          call(
            'GET',
            idFrom(ids.calls).map((id) => `/calls/${id}`),
          ),
        ]
      : []),
    // The reports: every client, or one, over any period.
    { weight: 2, arbitrary: call('GET', fc.constant('/reports')) },
    call(
      'GET',
      client.map((id) => `/reports?client=${id}`),
    ),
    // Appointments: free slots, the list, bookings, one appointment moved or cancelled, the calendar.
    ...appointmentCalls(call, client, ids.appointments ?? []),
    fc.record({
      method: fc.constantFrom('PUT', 'DELETE', 'POST', 'OPTIONS', 'HEAD'),
      path: fc.constantFrom('/nope', '/clients/x/y/z', '/messages', '/users', '/openapi.json'),
      query,
      body: jsonValue,
    }),
  );
}

type CallOf = (method: string, path: fc.Arbitrary<string>) => fc.Arbitrary<ApiCall>;

/** A version number as it may arrive in a path: real ones, out of range, or any text. */
const versionSegment = fc.oneof(
  fc.constantFrom('1', '2', '3', '0', '-1', '1e3', '01', '999999999999'),
  nastyText.map((t) => encode(t).slice(0, 60) || '1'),
);

function versionCalls(call: CallOf, client: fc.Arbitrary<string>, user: fc.Arbitrary<string>) {
  const history = fc.oneof(
    client.map((id) => `/clients/${id}/versions`),
    user.map((id) => `/users/${id}/versions`),
  );
  const one = fc.tuple(history, versionSegment).map(([base, v]) => `${base}/${v}`);
  return [
    call('GET', history),
    call('GET', one),
    {
      weight: 2,
      arbitrary: call(
        'GET',
        history.map((base) => `${base}/compare`),
      ),
    },
    {
      weight: 2,
      arbitrary: call(
        'POST',
        one.map((path) => `${path}/restore`),
      ),
    },
  ];
}

export const apiAuth = fc.oneof(
  { weight: 12, arbitrary: fc.constant('valid' as const) },
  {
    weight: 1,
    arbitrary: fc.constantFrom('none' as const, 'wrong' as const, 'basic' as const, 'empty' as const),
  },
);
export type ApiAuth = 'valid' | 'none' | 'wrong' | 'basic' | 'empty';

/** A slot start as it may arrive: on the hour some days ahead, off the grid, in the past, or any text. */
const slotStart = fc.oneof(
  fc
    .tuple(fc.integer({ min: -2, max: 40 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 30, 7))
    .map(([days, hour, minute]) => {
      const d = new Date(Date.now() + days * 86_400_000);
      d.setUTCHours(hour, minute, 0, 0);
      return d.toISOString();
    }),
  nastyText,
);

const bookingBody = mutatedObject(
  fc.record({
    typeId: fc.constantFrom('consultation', 'vaccination', 'massage'),
    start: slotStart,
    callerName: mostly(fc.constant('Jeanne Dupont')),
    callerNumber: mostly(fc.constantFrom('+33612345678', '06 12 34 56 78', '0612')),
    reason: mostly(fc.constant('Contrôle')),
  }) as fc.Arbitrary<Json>,
  ['typeId', 'start', 'callerName', 'callerNumber', 'reason', 'callSid', 'locale'],
);

/**
 * Calendar settings that never name a reachable server (the fuzz must not wait on the network):
 * missing fields, or text that is no http(s) URL: the route's checks run, never a connection.
 */
const calendarBody = mutatedObject(
  fc.record({
    url: fc.oneof(
      fc.constant('caldav.invalid/cal/'),
      nastyText.filter((t) => !/^\s*https?:/i.test(t)),
    ),
    username: mostly(fc.constant('cabinet')),
    password: mostly(fc.constant('secret-password')),
  }) as fc.Arbitrary<Json>,
  ['url', 'username', 'password'],
);

function appointmentCalls(
  call: (method: string, path: fc.Arbitrary<string>, body?: fc.Arbitrary<Json>) => fc.Arbitrary<ApiCall>,
  client: fc.Arbitrary<string>,
  pool: string[],
) {
  const appointment = fc.oneof(
    ...(pool.length ? [fc.constantFrom(...pool)] : []),
    fc.constantFrom('no-such-appointment', '000000000000000000000000'),
    nastyText.map((t) => encode(t).slice(0, 100) || 'x'),
  );
  const under = (suffix: string) => client.map((id) => `/clients/${id}${suffix}`);
  return [
    { weight: 2, arbitrary: call('GET', under('/availability')) },
    { weight: 2, arbitrary: call('GET', under('/appointments')) },
    { weight: 3, arbitrary: call('POST', under('/appointments'), bookingBody) },
    call('GET', under('/calendar')),
    call('PUT', under('/calendar'), calendarBody),
    call('POST', under('/calendar/test'), calendarBody),
    call('DELETE', under('/calendar')),
    call(
      'GET',
      appointment.map((id) => `/appointments/${id}`),
    ),
    {
      weight: 2,
      arbitrary: call(
        'PATCH',
        appointment.map((id) => `/appointments/${id}`),
        mutatedObject(fc.record({ start: slotStart }) as fc.Arbitrary<Json>, ['start']),
      ),
    },
    call(
      'POST',
      appointment.map((id) => `/appointments/${id}/cancel`),
    ),
  ];
}
