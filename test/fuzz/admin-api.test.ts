/**
 * Fuzzing the admin API: every `/api/v1` route, bodies valid but for a field or three, hostile
 * envelopes (charsets, malformed and deep JSON, big bodies), odd query strings and ids, the token
 * right or not. Whatever arrives: no 5xx and no error logged, JSON on success, `{ error, details }`
 * on every error, 401 without the token, and nothing invalid stored.
 * Replay a failure with the seed printed above it: `FUZZ_SEED=<seed> npm test -- test/fuzz`.
 */
import fc from 'fast-check';
import { apiAuth, apiCall, type ApiAuth } from './arbitraries/api';
import { envelopeHeaders, jsonEnvelope } from './arbitraries/http';
import { makeMessage, makeUser } from '../integration/web/web-fixture';
import { createFuzzClients } from './support/clients';
import { encodeForm } from './support/form';
import { expectApiError, expectApiSuccess, expectHandled, failResponse } from './support/properties';
import { API_TOKEN, useFuzzService } from './support/service';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './support/settings';
import { invalidStoredDocuments } from './support/stored';
import type { Ids } from './arbitraries/api';
import { makeAppointment } from './support/appointments';
import { seedCalls } from '../integration/web/call-fixtures';

const service = useFuzzService(__filename);
const ids: Ids = { clients: [], messages: [], users: [], appointments: [], calls: [] };

beforeAll(async () => {
  const clients = await createFuzzClients();
  ids.clients.push(...clients.map((c) => c.id));
  for (const client of clients) ids.messages.push((await makeMessage(client.id)).id);
  ids.users.push((await makeUser('assistant', [clients[0]!.id])).id, (await makeUser('admin')).id);
  for (const client of clients) ids.appointments!.push((await makeAppointment(client.id)).id);
  for (const client of clients) {
    for (const call of await seedCalls(client.id, client.numbers[0]!)) ids.calls!.push(call.sid);
  }
});

const AUTH: Record<ApiAuth, Record<string, string>> = {
  valid: { authorization: `Bearer ${API_TOKEN}` },
  none: {},
  wrong: { authorization: `Bearer ${API_TOKEN}x` },
  basic: { authorization: `Basic ${Buffer.from(`admin:${API_TOKEN}`).toString('base64')}` },
  empty: { authorization: 'Bearer ' },
};

describe('fuzzed admin API', () => {
  afterAll(() => {});

  it(
    'answers every request with JSON: a result, or { error, details }',
    async () => {
      // Built here: the ids exist only once the set-up has run.
      const request = fc.record({ call: apiCall(ids), envelope: jsonEnvelope, auth: apiAuth });
      await fc.assert(
        fc.asyncProperty(request, async ({ call, envelope, auth }) => {
          // Values stay well under Node's 16 kB of headers, encoded (beyond it Node itself answers 431).
          const query = call.query.map(([k, v]): [string, string] => [k, v.slice(0, 500)]);
          const q = query.length ? `?${encodeForm(query)}` : '';
          // fetch sends no body with GET or HEAD (Node's HTTP parser would not read one either).
          const bodiless = call.method === 'GET' || call.method === 'HEAD';
          const hasBody = !bodiless && (call.body !== undefined || envelope.rawBody !== undefined);
          const res = await service.send({
            method: call.method,
            path: `/api/v1${call.path}${q}`,
            headers: { ...AUTH[auth], ...(hasBody ? envelopeHeaders(envelope) : {}) },
            ...(hasBody ? { body: envelope.rawBody ?? JSON.stringify(call.body) } : {}),
          });
          expectHandled(res);
          if (call.method === 'HEAD' || call.method === 'OPTIONS') return;
          if (res.status >= 400) expectApiError(res);
          else expectApiSuccess(res);
          const open = call.method === 'GET' && call.path === '/openapi.json';
          if (auth !== 'valid' && !open && res.status !== 401)
            failResponse(res, 'the API answered without the token');
        }),
        fuzzParameters('admin API', 0.45),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it('stored nothing invalid', async () => {
    const { checked, invalid } = await invalidStoredDocuments();
    console.log(`fuzz admin API: ${checked} stored documents checked`);
    expect(invalid).toEqual([]);
  });
});
