/**
 * Fuzzing the web forms that take a body: sign-in, sign-out, the admin's client and user forms and
 * the actions on a message, posted with and without a session and a CSRF token, in every envelope.
 * Whatever arrives: no 5xx and no error logged, an error is a page (HTML or a plain line), never
 * JSON or a stack trace, a missing or wrong CSRF token is refused, and nothing invalid is stored.
 * Replay a failure with the seed printed above it: `FUZZ_SEED=<seed> npm test -- test/fuzz`.
 */
import fc from 'fast-check';
import { envelopeHeaders, formEnvelope, FORM } from './arbitraries/http';
import { csrfMode, webCall, type WebIds } from './arbitraries/web';
import { csrfOf, makeMessage, makeUser, signIn } from '../integration/web/web-fixture';
import { createFuzzClients } from './support/clients';
import { encodeForm, type FormEntries } from './support/form';
import { expectHandled, expectWebError, failResponse } from './support/properties';
import { useFuzzService } from './support/service';
import { FUZZ_TIMEOUT_MS, fuzzParameters } from './support/settings';
import { invalidStoredDocuments } from './support/stored';
import { makeAppointment } from './support/appointments';

const service = useFuzzService(__filename);
const ids: WebIds = { clients: [], messages: [], users: [], admin: '', appointments: [] };
let admin: { cookie: string; csrf: string };

beforeAll(async () => {
  const clients = await createFuzzClients();
  ids.clients.push(...clients.map((c) => c.id));
  for (const client of clients) ids.messages.push((await makeMessage(client.id)).id);
  for (const client of clients) ids.appointments!.push((await makeAppointment(client.id)).id);
  const me = await makeUser('admin');
  ids.admin = me.id;
  ids.users.push((await makeUser('assistant', [clients[0]!.id])).id, me.id);
  const session = await signIn(service.web().server, me.email);
  admin = { cookie: session.cookie, csrf: session.csrf };
});

/** A session of nobody, as a browser has after opening the sign-in page. */
async function anonymousSession(): Promise<{ cookie: string; csrf: string }> {
  const page = await service.send({ method: 'GET', path: '/login' });
  const cookie = String(page.headers.get('set-cookie')).split(';')[0]!;
  return { cookie, csrf: csrfOf(page.text) };
}

describe('fuzzed web forms', () => {
  afterAll(() => {});

  it(
    'answer every post with a page or a redirect, never JSON or a server error',
    async () => {
      const post = fc.record({ call: webCall(ids), envelope: formEnvelope, csrf: csrfMode });
      await fc.assert(
        fc.asyncProperty(post, async ({ call, envelope, csrf }) => {
          const session = call.as === 'admin' ? admin : await anonymousSession();
          const token = {
            valid: session.csrf,
            missing: undefined,
            wrong: `${session.csrf}x`,
            header: undefined,
          }[csrf];
          const form: FormEntries = [
            ...(token === undefined ? [] : [['_csrf', token] as [string, string]]),
            ...call.form,
          ];
          const res = await service.send({
            method: 'POST',
            path: call.path,
            headers: {
              cookie: session.cookie,
              ...envelopeHeaders(envelope),
              ...(csrf === 'header' ? { 'x-csrf-token': session.csrf } : {}),
            },
            body: envelope.rawBody ?? encodeForm(form),
          });
          expectHandled(res);
          if (res.status >= 400) expectWebError(res);
          const honest = envelope.contentType === FORM && !envelope.rawBody && !envelope.contentEncoding;
          if ((csrf === 'missing' || csrf === 'wrong') && honest && ![403, 413].includes(res.status)) {
            failResponse(res, 'a form without its CSRF token was not refused');
          }
        }),
        fuzzParameters('web forms', 0.2),
      );
    },
    FUZZ_TIMEOUT_MS,
  );

  it('stored nothing invalid', async () => {
    const { checked, invalid } = await invalidStoredDocuments();
    console.log(`fuzz web forms: ${checked} stored documents checked`);
    expect(invalid).toEqual([]);
  });
});
