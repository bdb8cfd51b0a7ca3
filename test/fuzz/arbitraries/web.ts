/**
 * The web forms that take a body: sign-in and sign-out, the admin's client and user forms, the
 * actions on a message. Each form is filled as the page fills it, then a few fields are replaced
 * (text of every kind, near-miss dates, zones, numbers and URLs), repeated or dropped.
 */
import fc from 'fast-check';
import { formFromProfile, newClientValues } from '../../../src/web/admin/client-form-fill';
import { clientProfileSchema } from '../../../src/flow/profile';
import { DEMO_CLIENT } from '../../../scripts/lib/seed';
import type { FormEntries } from '../support/form';
import { NEAR_MISSES } from './json';
import { hugeText, nastyText } from './strings';

export type WebIds = {
  clients: string[];
  messages: string[];
  users: string[];
  admin: string;
  appointments?: string[];
};

const fieldValue = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      ...NEAR_MISSES,
      'on',
      '1',
      '',
      '2026-12-24..2026-12-31 Noël',
      '2026-02-30..2026-03-01',
      '09:00-12:00, 14:00-18:00',
      '25:00-26:00',
      '[{"name":"x","when":{},"then":{"type":"transfer"}}]',
      '[{',
    ),
  },
  { weight: 3, arbitrary: nastyText },
  { weight: 1, arbitrary: hugeText },
);

/** A filled form with up to three fields replaced, dropped or sent twice. */
function mutatedForm(filled: fc.Arbitrary<Record<string, string>>): fc.Arbitrary<FormEntries> {
  const change = fc.tuple(
    fc.constantFrom('set' as const, 'drop' as const, 'twice' as const, 'add' as const),
    fc.nat(),
    fieldValue,
    fc.constantFrom('__proto__', 'constructor', 'hasOwnProperty', 'x[y]', '_csrf'),
  );
  return fc.tuple(filled, fc.array(change, { maxLength: 3 })).map(([values, changes]) => {
    let entries: FormEntries = Object.entries(values);
    for (const [how, at, value, extraKey] of changes) {
      const key = entries.length ? entries[at % entries.length]![0] : extraKey;
      if (how === 'set') entries = entries.map(([k, v]) => [k, k === key ? value : v]);
      else if (how === 'drop') entries = entries.filter(([k]) => k !== key);
      else if (how === 'twice') entries.push([key, value]);
      else entries.push([extraKey, value]);
    }
    return entries;
  });
}

/** The same near misses as the API's, in the form's own fields. */
const FORM_NEAR_MISSES: readonly [string, string][] = [
  ['timezone', 'EST'],
  ['closures', '2026-02-30..2026-03-02 Fermé'],
  ['name', 'Cabinet\u0007Martin'],
  ['greeting', 'Bonjour\u0000'],
  ['webhookUrl', 'http://10.0.0.1/hook'],
  ['webhookUrl', 'http://169.254.169.254/latest/meta-data'],
  // The routing-rules builder's fields and its buttons (without JavaScript they submit the form).
  ['rules[0][caller]', 'friend'],
  ['rules[1][start]', '25:00'],
  ['rules[1][action]', 'fax'],
  ['rules[7][days][sun]', 'on'],
  ['_rules', 'up:1'],
  ['_rules', 'remove:0'],
  ['_rules', 'down:99'],
  ['_rules', 'add'],
];

/** Two rules, so the builder's fields are in the form (and mutated like the others). */
const FORM_RULES = [
  { name: 'VIP hors horaires', when: { caller: 'vip', open: false }, then: { type: 'transfer' } },
  {
    name: 'Samedi',
    when: { timeWindow: { days: ['sat'], start: '08:00', end: '12:00' } },
    then: { type: 'say', text: 'Le cabinet est fermé le samedi.', thenMenu: false },
  },
];

const clientForm = mutatedForm(
  fc.integer({ min: 1_000_000, max: 9_999_999 }).map((n) => ({
    ...newClientValues(),
    ...formFromProfile(
      clientProfileSchema.parse({ ...DEMO_CLIENT, rules: FORM_RULES, numbers: [`+33188${n}`.slice(0, 12)] }),
    ),
    name: `Form client ${n}`,
  })),
).chain((entries) =>
  fc.oneof(
    { weight: 5, arbitrary: fc.constant(entries) },
    {
      weight: 1,
      arbitrary: fc.constantFrom(...FORM_NEAR_MISSES).map(([field, value]): FormEntries => [
        ...entries.filter(([k]) => k !== field && k !== 'webhookEnabled' && k !== 'webhookSecret'),
        [field, value],
        ...(field === 'webhookUrl'
          ? ([
              ['webhookEnabled', 'on'],
              ['webhookSecret', 'a-secret-of-16-chars'],
            ] as FormEntries)
          : []),
      ]),
    },
  ),
);

const userForm = (ids: WebIds) =>
  mutatedForm(
    fc.record({
      email: fc.nat(1_000_000).map((n) => `form${n}@example.com`),
      name: fc.constantFrom('Camille', 'Zoë'),
      role: fc.constantFrom('admin', 'assistant'),
      password: fc.constantFrom('a long enough password', ''),
      locale: fc.constantFrom('fr-FR', 'en-US'),
      active: fc.constantFrom('on', ''),
      clientIds: fc.constantFrom(...ids.clients),
    }),
  );

const pick = (pool: string[]) =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pool) },
    { weight: 1, arbitrary: fc.constantFrom('000000000000000000000000', 'nope', '%E2%80%AE') },
  );

export type WebCall = { path: string; form: FormEntries; as: 'admin' | 'anonymous' };

export function webCall(ids: WebIds): fc.Arbitrary<WebCall> {
  const admin = (path: fc.Arbitrary<string>, form: fc.Arbitrary<FormEntries>) =>
    fc.record({ path, form, as: fc.constant('admin' as const) });
  return fc.oneof(
    {
      weight: 2,
      arbitrary: fc.record({
        path: fc.constant('/login'),
        form: mutatedForm(
          fc.record({
            email: fc.constantFrom('nobody@example.com', 'a@b'),
            password: fc.constantFrom('wrong password', ''),
          }),
        ),
        as: fc.constant('anonymous' as const),
      }),
    },
    {
      weight: 1,
      arbitrary: fc.record({
        path: fc.constant('/logout'),
        form: fc.constant([] as FormEntries),
        as: fc.constant('anonymous' as const),
      }),
    },
    { weight: 4, arbitrary: admin(fc.constant('/admin/clients'), clientForm) },
    {
      weight: 4,
      arbitrary: admin(
        pick(ids.clients).map((id) => `/admin/clients/${id}`),
        clientForm,
      ),
    },
    {
      weight: 1,
      arbitrary: admin(
        pick(ids.clients).map((id) => `/admin/clients/${id}/active`),
        mutatedForm(fc.record({ active: fc.constantFrom('on', '', 'false') })),
      ),
    },
    { weight: 2, arbitrary: admin(fc.constant('/admin/users'), userForm(ids)) },
    {
      weight: 2,
      arbitrary: admin(
        pick(ids.users).map((id) => `/admin/users/${id}`),
        userForm(ids),
      ),
    },
    ...appointmentForms(ids, admin),
    // Part A, settings history: the restore of a version, whatever the number and the form.
    {
      weight: 1,
      arbitrary: admin(
        fc
          .tuple(
            fc.oneof(
              pick(ids.clients).map((id) => `/admin/clients/${id}`),
              pick(ids.users).map((id) => `/admin/users/${id}`),
            ),
            fc.constantFrom('1', '2', '0', '99', 'x', '%E2%80%AE'),
          )
          .map(([base, version]) => `${base}/history/${version}/restore`),
        mutatedForm(fc.record({ confirm: fc.constantFrom('1', '') }, { requiredKeys: [] })),
      ),
    },
    {
      weight: 3,
      arbitrary: admin(
        fc
          .tuple(
            pick(ids.messages),
            fc.constantFrom(
              'claim',
              'assign',
              'note',
              'handle',
              'reopen',
              'retry',
              'delete',
              'toString',
              '__proto__',
            ),
          )
          .map(([id, action]) => `/messages/${id}/${action}`),
        mutatedForm(
          fc.record(
            {
              text: fc.constantFrom('Rappelé.', ''),
              assigneeId: fc.constantFrom(...ids.users, ''),
              key: fc.constantFrom('k', `${ids.messages[0]}:sms:notify:0`),
            },
            { requiredKeys: [] },
          ),
        ),
      ),
    },
  );
}

/** A slot start as a form posts it: on the hour some days ahead, off the grid, or any text. */
const startValue = fc.oneof(
  fc
    .tuple(fc.integer({ min: -1, max: 30 }), fc.integer({ min: 0, max: 23 }), fc.constantFrom(0, 15, 7))
    .map(([days, hour, minute]) => {
      const d = new Date(Date.now() + days * 86_400_000);
      d.setUTCHours(hour, minute, 0, 0);
      return d.toISOString();
    }),
  fieldValue,
);

/**
 * The booking, moving and cancelling forms, and the calendar panel. The calendar address is never
 * an http(s) URL: the fuzz must not wait on a connection to a real server.
 */
function appointmentForms(
  ids: WebIds,
  admin: (path: fc.Arbitrary<string>, form: fc.Arbitrary<FormEntries>) => fc.Arbitrary<WebCall>,
) {
  const appointment = fc.oneof(
    ...(ids.appointments?.length ? [fc.constantFrom(...ids.appointments)] : []),
    fc.constantFrom('no-such-appointment', '%E2%80%AE', '__proto__'),
  );
  return [
    {
      weight: 3,
      arbitrary: admin(
        fc.constant('/appointments/new'),
        mutatedForm(
          fc.record({
            client: fc.constantFrom(...ids.clients, 'nope'),
            type: fc.constantFrom('consultation', 'vaccination', 'massage'),
            start: startValue,
            callerName: fc.constantFrom('Jeanne Dupont', ''),
            callerNumber: fc.constantFrom('06 12 34 56 78', '+33612345678', '12'),
            reason: fc.constantFrom('Contrôle', ''),
          }),
        ),
      ),
    },
    {
      weight: 2,
      arbitrary: admin(
        appointment.map((id) => `/appointments/${id}/move`),
        mutatedForm(fc.record({ start: startValue })),
      ),
    },
    {
      weight: 1,
      arbitrary: admin(
        appointment.map((id) => `/appointments/${id}/cancel`),
        fc.constant([] as FormEntries),
      ),
    },
    {
      weight: 1,
      arbitrary: admin(
        pick(ids.clients).map((id) => `/admin/clients/${id}/calendar`),
        fc
          .record({
            action: fc.constantFrom('connect', 'test', 'other'),
            url: fc.oneof(fc.constantFrom('', 'caldav.invalid/cal', 'ftp://x'), nastyText),
            username: fc.constantFrom('cabinet', ''),
            password: fc.constantFrom('secret', ''),
          })
          .filter((f) => !/^\s*https?:/i.test(f.url))
          .map((f) => Object.entries(f) as FormEntries),
      ),
    },
    {
      weight: 1,
      arbitrary: admin(
        pick(ids.clients).map((id) => `/admin/clients/${id}/calendar/disconnect`),
        fc.constant([] as FormEntries),
      ),
    },
  ];
}

/** How the CSRF token travels: as the form does, or not at all, or wrong. */
export const csrfMode = fc.oneof(
  { weight: 10, arbitrary: fc.constant('valid' as const) },
  { weight: 1, arbitrary: fc.constantFrom('missing' as const, 'wrong' as const, 'header' as const) },
);
export type CsrfMode = 'valid' | 'missing' | 'wrong' | 'header';
