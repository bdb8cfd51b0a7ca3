import request from 'supertest';
import { clientProfileSchema } from '../../../src/flow/profile';
import { useApi } from './harness';

const { web } = useApi(__filename);

const EXPECTED_OPERATIONS = [
  // the call log
  'get /calls',
  'get /calls/{callSid}',
  // the reports
  'get /reports',
  'get /clients',
  'post /clients',
  'get /clients/{id}',
  'put /clients/{id}',
  'patch /clients/{id}',
  'delete /clients/{id}',
  'post /clients/{id}/route-preview',
  'get /clients/{id}/versions',
  'get /clients/{id}/versions/compare',
  'get /clients/{id}/versions/{version}',
  'post /clients/{id}/versions/{version}/restore',
  'get /users',
  'post /users',
  'get /users/{id}',
  'patch /users/{id}',
  'get /users/{id}/versions',
  'get /users/{id}/versions/compare',
  'get /users/{id}/versions/{version}',
  'post /users/{id}/versions/{version}/restore',
  'get /messages',
  'get /messages/{id}',
  'patch /messages/{id}',
  'post /messages/{id}/notes',
  'post /messages/{id}/deliveries/{key}/retry',
  'get /audit',
  'get /retention/runs',
  'post /retention/runs',
  'get /retention/recording-deletions',
  // Part B: a caller's access request and erasure.
  'post /callers/export',
  'post /callers/erasure/preview',
  'post /callers/erasure',
  // Appointments: the calendar connection, free slots, the appointments.
  'get /clients/{id}/calendar',
  'put /clients/{id}/calendar',
  'delete /clients/{id}/calendar',
  'post /clients/{id}/calendar/test',
  'get /clients/{id}/availability',
  'get /clients/{id}/appointments',
  'post /clients/{id}/appointments',
  'get /appointments/{id}',
  'patch /appointments/{id}',
  'post /appointments/{id}/cancel',
];

describe('admin API GET /openapi.json', () => {
  let doc: {
    openapi: string;
    paths: Record<string, Record<string, { requestBody?: unknown; responses: Record<string, unknown> }>>;
    components: {
      schemas: Record<string, { properties?: Record<string, unknown> }>;
      securitySchemes: object;
    };
    security: object[];
  };
  beforeAll(async () => {
    const res = await request(web().server)
      .get('/api/v1/openapi.json')
      .expect(200)
      .expect('Content-Type', /json/);
    doc = JSON.parse(res.text);
  });

  it('when fetched, then it is an OpenAPI 3.1 document with bearer security', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.security).toEqual([{ bearerAuth: [] }]);
    expect(doc.components.securitySchemes).toEqual({
      bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer' }),
    });
  });

  it('when read, then it lists every route with its answers, and 401 and 429 on each', () => {
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m} ${path}`),
    );
    expect(operations.sort()).toEqual([...EXPECTED_OPERATIONS].sort());
    for (const ops of Object.values(doc.paths)) {
      for (const op of Object.values(ops))
        expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['401', '429']));
    }
    expect(doc.paths['/clients']!.post!.requestBody).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/ClientProfile' } } },
    });
  });

  it('when its client schemas are read, then they have every field of the client profile', () => {
    const profileFields = Object.keys(clientProfileSchema.shape);
    for (const name of ['ClientProfile', 'Client', 'ClientPatch']) {
      expect(Object.keys(doc.components.schemas[name]!.properties!)).toEqual(
        expect.arrayContaining(profileFields),
      );
    }
    expect(doc.components.schemas.Client!.properties).toHaveProperty('id');
  });

  it('when the speech settings are read, then the profile has them and the patch says null unsets the optional ones', () => {
    const profile = doc.components.schemas.ClientProfile!.properties!;
    expect(profile.sector).toMatchObject({ enum: ['medical', 'other'], default: 'other' });
    expect(profile.spokenName).toMatchObject({ type: 'string', maxLength: 100 });
    expect(profile.greetKnownCallers).toEqual({ type: 'boolean' });
    expect(profile.vocabulary).toMatchObject({ type: 'array', items: { type: 'string' } });
    expect(profile.safety).toMatchObject({
      properties: { emergencyAdvice: { type: 'string', maxLength: 300 } },
    });
    const patch = doc.components.schemas.ClientPatch!.properties!;
    expect(patch.greetKnownCallers).toMatchObject({
      type: ['boolean', 'null'],
      description: expect.stringContaining('null: unset'),
    });
    expect(patch.safety).toMatchObject({
      properties: {
        emergencyAdvice: {
          anyOf: [{ type: 'string', maxLength: 300 }, { type: 'null' }],
          description: expect.stringContaining('"": nothing is said; null: unset'),
        },
      },
    });
  });

  it('when the caller export is read, then it answers a ZIP and its body takes the number and the language', () => {
    const op = doc.paths['/callers/export']!.post! as { responses: Record<string, { content?: object }> };
    expect(Object.keys(op.responses['200']!.content!)).toEqual(['application/zip']);
    const body = doc.components.schemas.CallerExport!.properties!;
    expect(Object.keys(body).sort()).toEqual(['clientId', 'lang', 'phone']);
    expect(doc.paths['/callers/erasure']!.post!.responses).toHaveProperty('409');
  });

  it('when any $ref is followed, then it names a component that exists', () => {
    const refs = JSON.stringify(doc).match(/"\$ref":"[^"]+"/g) ?? [];
    for (const ref of refs) {
      const name = ref.replace(/^"\$ref":"#\/components\/schemas\//, '').replace(/"$/, '');
      expect(doc.components.schemas).toHaveProperty(name);
    }
  });

  it('when the access log route is read, then its filters and its page are documented', () => {
    const op = doc.paths['/audit']!.get! as {
      parameters: { name: string; in: string; required: boolean }[];
      responses: Record<string, unknown>;
    };
    expect(op.parameters.map((p) => [p.name, p.in, p.required])).toEqual(
      ['user', 'client', 'caller', 'action', 'from', 'to', 'before'].map((n) => [n, 'query', false]),
    );
    expect(op.responses['200']).toMatchObject({
      content: { 'application/json': { schema: { $ref: '#/components/schemas/AuditPage' } } },
    });
    expect(Object.keys(op.responses)).toEqual(expect.arrayContaining(['400']));
  });
});
