/** The admin API's routes as data: each path, method, schemas and answers, for the OpenAPI document. */
import type { z } from 'zod';
import { clientProfileSchema } from '../flow/profile';
import * as req from './schemas';
import * as view from './views';
import { auditPageView, auditQuerySchema } from './audit-schemas';
import * as retention from './retention-schemas';
import * as appt from './appointment-schemas';
import * as calls from './call-schemas';
import * as reports from './report-schemas';

export type RouteDoc = {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  query?: z.ZodObject;
  body?: z.ZodType;
  /** Success status and response schema. */
  ok: [number, z.ZodType];
  /** Media type of the success answer. @defaultValue 'application/json' */
  okType?: string;
  /** Error statuses this route may answer besides 401. */
  errors: number[];
};

export const ROUTES: RouteDoc[] = [
  {
    method: 'get',
    path: '/clients',
    summary: 'List clients',
    query: req.clientListQuerySchema,
    ok: [200, view.clientListView],
    errors: [400],
  },
  {
    method: 'post',
    path: '/clients',
    summary: 'Create a client',
    body: clientProfileSchema,
    ok: [201, view.clientView],
    errors: [400, 409],
  },
  {
    method: 'get',
    path: '/clients/{id}',
    summary: 'Get a client',
    ok: [200, view.clientView],
    errors: [404],
  },
  {
    method: 'put',
    path: '/clients/{id}',
    summary: 'Replace a client profile',
    body: clientProfileSchema,
    ok: [200, view.clientView],
    errors: [400, 404, 409],
  },
  {
    method: 'patch',
    path: '/clients/{id}',
    summary: 'Merge-patch a client profile (RFC 7396), validated whole',
    body: req.clientPatchSchema,
    ok: [200, view.clientView],
    errors: [400, 404, 409],
  },
  {
    method: 'delete',
    path: '/clients/{id}',
    summary: 'Deactivate a client (numbers stay claimed; calls are refused as unknown)',
    ok: [200, view.clientView],
    errors: [404],
  },
  {
    method: 'post',
    path: '/clients/{id}/route-preview',
    summary: 'Preview the routing decision for a call',
    body: req.routePreviewInputSchema,
    ok: [200, view.routePreviewView],
    errors: [400, 404, 501],
  },
  ...versionRoutes('clients', 'client', view.clientView, [400, 404, 409]),
  {
    method: 'get',
    path: '/users',
    summary: 'List users',
    query: req.userListQuerySchema,
    ok: [200, view.userListView],
    errors: [400],
  },
  {
    method: 'post',
    path: '/users',
    summary: 'Create a user',
    body: req.newUserBodySchema,
    ok: [201, view.userView],
    errors: [400, 409],
  },
  { method: 'get', path: '/users/{id}', summary: 'Get a user', ok: [200, view.userView], errors: [404] },
  {
    method: 'patch',
    path: '/users/{id}',
    summary: 'Change a user (name, role, clients, active, password reset)',
    body: req.userChangesBodySchema,
    ok: [200, view.userView],
    errors: [400, 404],
  },
  ...versionRoutes('users', 'user', view.userView, [400, 404, 409]),
  {
    method: 'get',
    path: '/messages',
    summary: 'List messages, newest first',
    query: req.messageListQuerySchema,
    ok: [200, view.messagePageView],
    errors: [400],
  },
  {
    method: 'get',
    path: '/messages/{id}',
    summary: 'Get a message with notes and deliveries',
    ok: [200, view.messageView],
    errors: [404],
  },
  {
    method: 'patch',
    path: '/messages/{id}',
    summary: 'Change status or assignee',
    body: req.messageChangesSchema,
    ok: [200, view.messageView],
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/messages/{id}/notes',
    summary: 'Add a note',
    body: req.newNoteSchema,
    ok: [201, view.messageView],
    errors: [400, 404],
  },
  {
    method: 'post',
    path: '/messages/{id}/deliveries/{key}/retry',
    summary: 'Retry a failed notification (the key is its delivery log entry)',
    ok: [202, view.deliveryRetryView],
    errors: [404, 409],
  },
  // the call log (src/api/calls-routes.ts)
  {
    method: 'get',
    path: '/calls',
    summary:
      'List calls, newest first (every call, with or without a message), with counts per outcome; audited',
    query: calls.callListQuerySchema,
    ok: [200, calls.callPageView],
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/calls/{callSid}',
    summary:
      'One call: its kind and timeline in words, its message and appointment, the caller’s other calls; audited',
    ok: [200, calls.callDetailView],
    errors: [400, 404],
  },
  // the reports (src/api/reports-routes.ts)
  {
    method: 'get',
    path: '/reports',
    summary:
      'A period’s indicators for one client or every client, with the period before, each client’s and each assistant’s figures',
    query: reports.reportApiQuerySchema,
    ok: [200, reports.reportView],
    errors: [400, 404],
  },
  {
    method: 'get',
    path: '/audit',
    summary: 'Read the access log, newest first, filtered by user, client, caller number, action and days',
    query: auditQuerySchema,
    ok: [200, auditPageView],
    errors: [400],
  },
  {
    method: 'get',
    path: '/retention/runs',
    summary: 'The latest retention purge runs, newest first: what each removed, per client',
    query: retention.purgeRunsQuerySchema,
    ok: [200, retention.purgeRunListView],
    errors: [400],
  },
  {
    method: 'post',
    path: '/retention/runs',
    summary: 'Run the retention purge now (as the nightly job does); a run that stopped says why in `error`',
    ok: [201, retention.purgeRunView],
    errors: [400],
  },
  {
    method: 'get',
    path: '/retention/recording-deletions',
    summary:
      'Recording deletions at Twilio: pending ones next attempt first, deleted ones latest first; without status the latest requested',
    query: retention.recordingDeletionsQuerySchema,
    ok: [200, retention.recordingDeletionListView],
    errors: [400],
  },
  {
    method: 'post',
    path: '/callers/export',
    summary: 'Export everything held about a caller (ZIP: data.json and summary.html); audited',
    body: req.callerExportBodySchema,
    ok: [200, view.callerExportView],
    okType: 'application/zip',
    errors: [400],
  },
  {
    method: 'post',
    path: '/callers/erasure/preview',
    summary: 'What erasing a caller would delete, anonymise or keep, and the token that confirms it',
    body: req.callerQuerySchema,
    ok: [200, view.erasurePreviewView],
    errors: [400],
  },
  {
    method: 'post',
    path: '/callers/erasure',
    summary: 'Erase a caller (token from the preview); audited',
    body: req.callerErasureBodySchema,
    ok: [200, view.erasureResultView],
    errors: [400, 409],
  },
  ...appointmentRoutes(),
];

/** The settings history of a client or a user: list, one version, comparison, restore. */
function versionRoutes(
  collection: 'clients' | 'users',
  noun: 'client' | 'user',
  restored: z.ZodType,
  restoreErrors: number[],
): RouteDoc[] {
  const base = `/${collection}/{id}/versions`;
  return [
    {
      method: 'get',
      path: base,
      summary: `List the ${noun}'s settings versions, newest first`,
      ok: [200, view.settingsVersionListView],
      errors: [404],
    },
    {
      method: 'get',
      path: `${base}/compare`,
      summary: `Compare two versions of the ${noun}'s settings (readable diff, secrets named only)`,
      query: req.versionCompareQuerySchema,
      ok: [200, view.settingsComparisonView],
      errors: [400, 404],
    },
    {
      method: 'get',
      path: `${base}/{version}`,
      summary: `Get one version of the ${noun}'s settings (secrets masked)`,
      ok: [200, view.settingsVersionView],
      errors: [404],
    },
    {
      method: 'post',
      path: `${base}/{version}/restore`,
      summary:
        noun === 'client'
          ? "Restore the settings of a version (not the active flag), validated under today's rules; the restore is a new version"
          : 'Restore name, role, clients, language and activation of a version (never a password); the restore is a new version',
      ok: [200, restored],
      errors: restoreErrors,
    },
  ];
}

/** Appointments: the calendar connection, free slots, and the appointments themselves. */
function appointmentRoutes(): RouteDoc[] {
  return [
    {
      method: 'get',
      path: '/clients/{id}/calendar',
      summary: 'The client’s calendar: the built-in book, or a CalDAV calendar (never its password)',
      ok: [200, appt.calendarConnectionView],
      errors: [404],
    },
    {
      method: 'put',
      path: '/clients/{id}/calendar',
      summary: 'Connect a CalDAV calendar: tested first; a 400 names the field at fault when the test fails',
      body: appt.calendarConnectionBodySchema,
      ok: [200, appt.calendarConnectionView],
      errors: [400, 404],
    },
    {
      method: 'delete',
      path: '/clients/{id}/calendar',
      summary: 'Disconnect the CalDAV calendar: appointments go to the built-in book again',
      ok: [200, appt.calendarConnectionView],
      errors: [404],
    },
    {
      method: 'post',
      path: '/clients/{id}/calendar/test',
      summary: 'Test the stored calendar connection, or the settings in the body',
      ok: [200, appt.calendarCheckView],
      errors: [400, 404],
    },
    {
      method: 'get',
      path: '/clients/{id}/availability',
      summary: 'Free slots of an appointment type, as a caller would be offered them now',
      query: appt.availabilityQuerySchema,
      ok: [200, appt.availabilityView],
      errors: [400, 404, 503],
    },
    {
      method: 'get',
      path: '/clients/{id}/appointments',
      summary: 'The client’s appointments starting in [from, to), cancelled ones included (at most 62 days)',
      query: appt.appointmentListQuerySchema,
      ok: [200, appt.appointmentListView],
      errors: [400, 404],
    },
    {
      method: 'post',
      path: '/clients/{id}/appointments',
      summary:
        'Book an appointment for a caller on a free slot; 409 with `alternatives` when the slot was just taken',
      body: appt.newAppointmentBodySchema,
      ok: [201, appt.appointmentView],
      errors: [400, 404, 409, 503],
    },
    {
      method: 'get',
      path: '/appointments/{id}',
      summary: 'Get an appointment',
      ok: [200, appt.appointmentView],
      errors: [404],
    },
    {
      method: 'patch',
      path: '/appointments/{id}',
      summary: 'Move an appointment to another free slot; 409 with `alternatives` when it was just taken',
      body: appt.appointmentMoveBodySchema,
      ok: [200, appt.appointmentView],
      errors: [400, 404, 409, 503],
    },
    {
      method: 'post',
      path: '/appointments/{id}/cancel',
      summary: 'Cancel an appointment (the caller is told by SMS)',
      ok: [200, appt.appointmentView],
      errors: [404, 409, 503],
    },
  ];
}
