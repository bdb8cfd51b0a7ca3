/** The admin API's routes as data: each path, method, schemas and answers, for the OpenAPI document. */
import type { z } from 'zod';
import { clientProfileSchema } from '../flow/profile';
import * as req from './schemas';
import * as view from './views';

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
];
