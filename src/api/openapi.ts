/**
 * The OpenAPI 3.1 document of the admin API, generated from the same zod schemas that validate
 * requests (`z.toJSONSchema`, JSON Schema 2020-12 as OpenAPI 3.1 uses): nothing written twice.
 */
import { z } from 'zod';
import { clientProfileSchema } from '../flow/profile';
import { ROUTES, type RouteDoc } from './openapi-routes';
import * as req from './schemas';
import * as view from './views';
import { auditPageView } from './audit-schemas';
import * as retention from './retention-schemas';
import * as appt from './appointment-schemas';
import * as calls from './call-schemas';
import * as reports from './report-schemas';

const REQUEST_SCHEMAS = {
  ClientProfile: clientProfileSchema,
  ClientPatch: req.clientPatchSchema,
  RoutePreviewInput: req.routePreviewInputSchema,
  NewUser: req.newUserBodySchema,
  UserChanges: req.userChangesBodySchema,
  MessageChanges: req.messageChangesSchema,
  NewNote: req.newNoteSchema,
  PurgeRunRequest: retention.purgeRunBodySchema,
  CallerQuery: req.callerQuerySchema,
  CallerExport: req.callerExportBodySchema,
  CallerErasure: req.callerErasureBodySchema,
  CalendarConnectionInput: appt.calendarConnectionBodySchema,
  NewAppointment: appt.newAppointmentBodySchema,
  AppointmentMove: appt.appointmentMoveBodySchema,
};
const RESPONSE_SCHEMAS = {
  Client: view.clientView,
  ClientList: view.clientListView,
  User: view.userView,
  UserList: view.userListView,
  MessageSummary: view.messageSummaryView,
  Message: view.messageView,
  MessagePage: view.messagePageView,
  RoutePreview: view.routePreviewView,
  DeliveryRetry: view.deliveryRetryView,
  AuditPage: auditPageView,
  SettingsVersion: view.settingsVersionView,
  SettingsVersionList: view.settingsVersionListView,
  SettingsComparison: view.settingsComparisonView,
  PurgeRun: retention.purgeRunView,
  PurgeRunList: retention.purgeRunListView,
  RecordingDeletionList: retention.recordingDeletionListView,
  ErasurePreview: view.erasurePreviewView,
  ErasureResult: view.erasureResultView,
  CallerExportFile: view.callerExportView,
  CalendarConnection: appt.calendarConnectionView,
  CalendarCheck: appt.calendarCheckView,
  Availability: appt.availabilityView,
  Appointment: appt.appointmentView,
  AppointmentList: appt.appointmentListView,
  CallPage: calls.callPageView,
  Call: calls.callDetailView,
  Report: reports.reportView,
  Error: view.errorView,
};

const ref = (name: string) => ({ $ref: `#/components/schemas/${name}` });

function componentsOf(schemas: Record<string, z.ZodType>, io: 'input' | 'output') {
  const registry = z.registry<{ id: string }>();
  for (const [id, schema] of Object.entries(schemas)) registry.add(schema, { id });
  const { schemas: out } = z.toJSONSchema(registry, {
    io,
    uri: (id) => ref(id).$ref,
    unrepresentable: 'any',
  });
  for (const schema of Object.values(out)) {
    delete schema.$schema;
    delete schema.$id;
  }
  return out;
}

function nameOf(schema: z.ZodType, table: Record<string, z.ZodType>): string {
  const entry = Object.entries(table).find(([, s]) => s === schema);
  if (!entry) throw new Error('schema missing from the OpenAPI component tables');
  return entry[0];
}

const ERROR_TEXT: Record<number, string> = {
  400: 'Invalid input: `details` names each field',
  401: 'Missing or wrong bearer token',
  404: 'No such resource',
  409: 'Conflict: `details` names the field (e.g. a number already assigned, a slot just taken)',
  503: 'A service this needs does not answer (the client’s calendar): try again later',
  429: 'Too many failed tokens or requests from this address: `Retry-After` says when to try again',
  501: 'Not available yet',
};

function operationOf(route: RouteDoc) {
  const params = [
    ...[...route.path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
      name,
      in: 'path',
      required: true,
      schema: { type: 'string' },
    })),
    ...Object.entries(route.query?.shape ?? {}).map(([name, field]) => {
      const schema = z.toJSONSchema(field as z.ZodType, { io: 'input', unrepresentable: 'any' });
      delete schema.$schema;
      return { name, in: 'query', required: !(field as z.ZodType).safeParse(undefined).success, schema };
    }),
  ];
  const errorAnswers = [401, 429, ...route.errors].map((status) => [
    String(status),
    { description: ERROR_TEXT[status] ?? 'Error', content: { 'application/json': { schema: ref('Error') } } },
  ]);
  const [okStatus, okSchema] = route.ok;
  return {
    summary: route.summary,
    ...(params.length > 0 ? { parameters: params } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: ref(nameOf(route.body, REQUEST_SCHEMAS)) } },
          },
        }
      : {}),
    responses: {
      [String(okStatus)]: {
        description: 'OK',
        content: {
          [route.okType ?? 'application/json']: { schema: ref(nameOf(okSchema, RESPONSE_SCHEMAS)) },
        },
      },
      ...Object.fromEntries(errorAnswers),
    },
  };
}

export function buildOpenApiDocument() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of ROUTES) (paths[route.path] ??= {})[route.method] = operationOf(route);
  return {
    openapi: '3.1.0',
    info: {
      title: 'Virtual receptionist admin API',
      version: '1.0.0',
      description: 'Errors are `{ "error": "...", "details": [{ "path", "message" }] }`.',
    },
    servers: [{ url: '/api/v1' }],
    security: [{ bearerAuth: [] }],
    paths,
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'ADMIN_API_TOKEN' } },
      schemas: { ...componentsOf(REQUEST_SCHEMAS, 'input'), ...componentsOf(RESPONSE_SCHEMAS, 'output') },
    },
  };
}
