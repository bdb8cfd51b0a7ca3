/**
 * A client's calendar: its own CalDAV calendar, connected after a successful test, or the
 * built-in appointment book. The password is sealed before it is stored and never comes back out
 * of these use cases except to the CalDAV client.
 */
import { z } from 'zod';
import type { ActionSource } from '../domain/access';
import { InvalidInputError } from '../domain/errors';
import { outboundUrlProblem, STRICT_OUTBOUND_POLICY } from '../domain/outbound-url';
import { caldavCalendar, type CalDavCalendar } from '../infra/caldav-calendar';
import { sealSecret } from '../infra/secret-box';
import {
  getCalendarConnection,
  recordCalendarCheck,
  removeCalendarConnection,
  saveCalendarConnection,
  type StoredCalendarConnection,
} from '../store/calendar-connections';
import { getClient, type Client } from '../store/clients';
import { audit } from './audit';
import { CalendarUnavailableError, type CalendarCheck } from './calendar-port';
import { forgetCalendar, openStoredPassword, type CalendarConnectionDeps } from './client-calendars';

export { calendarFor, type CalendarConnectionDeps } from './client-calendars';

export const calendarConnectionInputSchema = z.object({
  url: z
    .url({ protocol: /^https?$/, error: 'expected the http(s) address of the calendar or of its server' })
    .max(500, 'the address is too long (500 characters at most)')
    .refine((url) => !URL.canParse(url) || (!new URL(url).username && !new URL(url).password), {
      message: 'the address must not contain the username or password: give them in their own fields',
    }),
  username: z.string().trim().min(1, 'the username is required').max(200),
  /** Unset: keep the stored one. */
  password: z.string().min(1, 'the password is required').max(500).optional(),
});
export type CalendarConnectionInput = z.input<typeof calendarConnectionInputSchema>;

export type CalendarConnectionView =
  | { kind: 'builtin' }
  | {
      kind: 'caldav';
      url: string;
      username: string;
      passwordSet: true;
      checkedAt: Date | null;
      checkOk: boolean | null;
      checkError: string;
    };

/** A person testing settings can wait longer than a caller: discovery takes several requests. */
const checkTimeout = (deps: CalendarConnectionDeps) => Math.max(deps.timeoutMs, 10_000);

function viewOf(stored: StoredCalendarConnection | null): CalendarConnectionView {
  if (!stored) return { kind: 'builtin' };
  const { url, username, checkedAt, checkOk, checkError } = stored;
  return { kind: 'caldav', url, username, passwordSet: true, checkedAt, checkOk, checkError };
}

export async function calendarConnectionOf(clientId: string): Promise<CalendarConnectionView> {
  return viewOf(await getCalendarConnection(clientId));
}

type Settings = { url: string; username: string; password: string };

/** The input checked, with the stored password when none is given; `InvalidInputError` names the fields. */
async function settingsOf(
  deps: CalendarConnectionDeps,
  clientId: string,
  input: CalendarConnectionInput,
): Promise<Settings> {
  const parsed = calendarConnectionInputSchema.safeParse(input);
  if (!parsed.success)
    throw new InvalidInputError(
      parsed.error.issues.map((i) => ({
        path: i.path.map(String).join('.') || 'calendar',
        message: i.message,
      })),
    );
  const { url, username, password } = parsed.data;
  const problem = outboundUrlProblem(url, deps.outbound ?? STRICT_OUTBOUND_POLICY);
  if (problem) throw new InvalidInputError([{ path: 'url', message: problem }]);
  if (password) return { url, username, password };
  const stored = await getCalendarConnection(clientId);
  if (!stored) throw new InvalidInputError([{ path: 'password', message: 'the password is required' }]);
  return { url, username, password: openStoredPassword(deps, stored) };
}

function backendFor(client: Client, settings: Settings, timeoutMs: number): CalDavCalendar {
  return caldavCalendar({ ...settings, timeZone: client.timezone, timeoutMs });
}

/** The field a failed check is about: the password when the server refused it, else the address. */
const failedField = (check: Extract<CalendarCheck, { ok: false }>) =>
  check.reason === 'credentials' ? 'password' : 'url';

/**
 * Tests the settings and connects the calendar only when it answers; from then on the client's
 * busy times come from it and appointments are written to it.
 */
export async function connectCalendar(
  deps: CalendarConnectionDeps,
  source: ActionSource,
  clientId: string,
  input: CalendarConnectionInput,
): Promise<{ view: CalendarConnectionView; check: CalendarCheck }> {
  const client = await getClient(clientId);
  const settings = await settingsOf(deps, clientId, input);
  const check = await backendFor(client, settings, checkTimeout(deps)).check();
  if (!check.ok) throw new InvalidInputError([{ path: failedField(check), message: check.error }]);
  const at = (deps.now ?? (() => new Date()))();
  const stored = await saveCalendarConnection(
    clientId,
    {
      url: settings.url,
      username: settings.username,
      passwordSealed: sealSecret(settings.password, deps.credentialsKey),
    },
    { at, ok: true, error: '' },
  );
  forgetCalendar(clientId);
  await audit(
    source,
    {
      action: 'calendar.connect',
      target: { type: 'client', id: clientId },
      clientId,
      detail: { url: settings.url, username: settings.username, calendar: check.calendarName },
    },
    at,
  );
  return { view: viewOf(stored), check };
}

/** Tests the given settings (nothing saved), or the stored connection (its result recorded). */
export async function testCalendarConnection(
  deps: CalendarConnectionDeps,
  source: ActionSource,
  clientId: string,
  input?: CalendarConnectionInput,
): Promise<CalendarCheck> {
  const client = await getClient(clientId);
  const at = (deps.now ?? (() => new Date()))();
  let check: CalendarCheck;
  if (input) {
    check = await backendFor(client, await settingsOf(deps, clientId, input), checkTimeout(deps)).check();
  } else {
    const stored = await getCalendarConnection(clientId);
    if (!stored) throw new InvalidInputError([{ path: 'calendar', message: 'no calendar is connected' }]);
    check = await checkStored(deps, client, stored);
    await recordCalendarCheck(clientId, { at, ok: check.ok, error: check.ok ? '' : check.error });
  }
  await audit(
    source,
    {
      action: 'calendar.test',
      target: { type: 'client', id: clientId },
      clientId,
      detail: { stored: !input, ok: check.ok, ...(check.ok ? {} : { error: check.error }) },
    },
    at,
  );
  return check;
}

async function checkStored(
  deps: CalendarConnectionDeps,
  client: Client,
  stored: StoredCalendarConnection,
): Promise<CalendarCheck> {
  try {
    const password = openStoredPassword(deps, stored);
    return await backendFor(client, { ...stored, password }, checkTimeout(deps)).check();
  } catch (error) {
    if (!(error instanceof CalendarUnavailableError)) throw error;
    return { ok: false, error: error.message, reason: error.reason };
  }
}

/** Back to the built-in appointment book; the stored credentials are deleted. */
export async function disconnectCalendar(
  deps: CalendarConnectionDeps,
  source: ActionSource,
  clientId: string,
): Promise<CalendarConnectionView> {
  await getClient(clientId);
  const removed = await removeCalendarConnection(clientId);
  forgetCalendar(clientId);
  if (removed)
    await audit(
      source,
      { action: 'calendar.disconnect', target: { type: 'client', id: clientId }, clientId },
      (deps.now ?? (() => new Date()))(),
    );
  return { kind: 'builtin' };
}
