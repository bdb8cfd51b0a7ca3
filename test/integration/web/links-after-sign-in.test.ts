/**
 * Links people open from a notification: signed out (or after an expiry), the page asked for opens
 * right after sign-in; the sign-in never sends anywhere but this site; an unknown page is an HTML
 * page for browsers while the API keeps its JSON; a message the client took by SMS says so.
 */
import request from 'supertest';
import { Types } from 'mongoose';
import type { WebRuntime } from '../../../src/main/runtime';
import { MessageModel } from '../../../src/store/models';
import {
  csrfOf,
  makeClient,
  makeMessage,
  makeUser,
  PASSWORD,
  signIn,
  startTestWeb,
  testConfig,
} from './web-fixture';

const TOKEN = 'test-admin-token-0123456789abcdef';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
let web: WebRuntime;
let email: string;
let clientId: string;

beforeAll(async () => {
  web = await startTestWeb(testConfig(__filename, { ADMIN_API_TOKEN: TOKEN }), { session: { idleMs: 1500 } });
  const client = await makeClient('Cabinet Liens');
  clientId = client.id;
  email = (await makeUser('assistant', [client.id], 'Lina')).email;
});
afterAll(() => web.stop());

/** Signs in through the form the redirect led to, posting what the page carries. */
async function signInFrom(agent: ReturnType<typeof request.agent>, loginPath: string) {
  const page = await agent.get(loginPath).expect(200);
  const next = /name="next" value="([^"]*)"/.exec(page.text)?.[1];
  return agent
    .post('/login')
    .type('form')
    .send({
      _csrf: csrfOf(page.text),
      email,
      password: PASSWORD,
      ...(next !== undefined && { next: next.replace(/&amp;/g, '&') }),
    })
    .expect(303);
}

test('when a signed-out person opens a message link, then signing in opens that message', async () => {
  const message = await makeMessage(clientId, { callerName: 'Nadia Roux' });
  const agent = request.agent(web.server);

  const asked = await agent.get(`/messages/${message.id}`).set('Accept', 'text/html').expect(303);

  expect(asked.headers.location).toBe(`/login?next=%2Fmessages%2F${message.id}`);
  const login = await signInFrom(agent, asked.headers.location!);
  expect(login.headers.location).toBe(`/messages/${message.id}`);
  const page = await agent.get(login.headers.location!).expect(200);
  expect(page.text).toContain('Nadia Roux');
});

test('when the session expired, then signing in again opens the page asked for, with its filters', async () => {
  const { agent } = await signIn(web.server, email);
  await sleep(1800);
  const wanted = `/?client=${clientId}&from=2026-12-01&to=2026-12-01`;

  const asked = await agent.get(wanted).set('Accept', 'text/html').expect(303);

  expect(asked.headers.location).toBe(`/login?expired=1&next=${encodeURIComponent(wanted)}`);
  const login = await signInFrom(agent, asked.headers.location!);
  expect(login.headers.location).toBe(wanted);
  await agent.get(wanted).expect(200);
});

test.each([
  '//evil.example',
  'https://evil.example',
  'http:evil.example',
  '/\\evil.example',
  '\\/evil.example',
  '/%09/evil.example'.replace('%09', '\t'),
  '//evil.example/%2F..',
  'javascript:alert(1)',
  ' //evil.example',
])('when the sign-in is given next=%p, then it lands on the list', async (next) => {
  const agent = request.agent(web.server);
  const page = await agent.get(`/login?next=${encodeURIComponent(next)}`).expect(200);
  // The form carries no `next` (the language link may keep the query: it is checked again).
  expect(page.text).not.toContain('name="next"');
  const login = await agent
    .post('/login')
    .type('form')
    .send({ _csrf: csrfOf(page.text), email, password: PASSWORD, next })
    .expect(303);
  expect(login.headers.location).toBe('/');
  // Signed in already, the sign-in page sends on at once: to the list, still.
  const again = await agent.get(`/login?next=${encodeURIComponent(next)}`).expect(303);
  expect(again.headers.location).toBe('/');
});

test('when a browser asks for a page that does not exist, then it gets an HTML page; the API and webhooks answer as before', async () => {
  const page = await request(web.server).get('/messages').set('Accept', 'text/html').expect(404);
  expect(page.type).toBe('text/html');
  expect(page.text).toContain('Page introuvable');
  expect(page.text).toContain('Cette page n’existe pas');
  const json = await request(web.server).get('/messages').set('Accept', 'application/json').expect(404);
  expect(json.body).toMatchObject({ error: 'not found' });
  const api = await request(web.server)
    .get('/api/v1/nothing-here')
    .set('Accept', 'text/html')
    .set('Authorization', `Bearer ${TOKEN}`);
  expect(api.type).toBe('application/json');
  const hook = await request(web.server).get('/webhooks/nothing-here').set('Accept', 'text/html');
  expect(hook.type).not.toBe('text/html');
});

test('when the client took a message by SMS, then its page, its row and the API say who and when', async () => {
  const message = await makeMessage(clientId, { callerName: 'Élodie Fournier', urgent: true });
  const at = new Date('2026-12-02T13:05:00Z'); // 14 h 05 in Paris
  await MessageModel.collection.updateOne(
    { _id: new Types.ObjectId(message.id) },
    {
      $set: {
        status: 'in_progress',
        acknowledgedAt: at,
        claimedBy: { kind: 'client', label: '06 12 34 56 78', phone: '+33612345678', at },
      },
    },
  );
  const { agent } = await signIn(web.server, email);
  // The time never splits across lines: no-break spaces inside it.
  const claim =
    'Pris en charge par le client (SMS de 06\u00a012\u00a034\u00a056\u00a078 à 14\u00a0h\u00a005)';

  const page = await agent.get(`/messages/${message.id}`).expect(200);
  expect(page.text).toContain(claim);
  const list = await agent.get(`/?client=${clientId}`).expect(200);
  const row = new RegExp(`<tr id="m-${message.id}"[^]*?</tr>`).exec(list.text)?.[0] ?? '';
  expect(row).toContain(claim);
  expect(row).not.toContain('Personne');
  const english = await agent.get(`/messages/${message.id}?lang=en`).expect(200);
  expect(english.text).toContain(
    'Taken by the client (SMS from 06\u00a012\u00a034\u00a056\u00a078 at 2:05\u00a0PM)',
  );

  const api = await request(web.server)
    .get(`/api/v1/messages/${message.id}`)
    .set('Authorization', `Bearer ${TOKEN}`)
    .expect(200);
  expect(api.body.claimedBy).toEqual({
    kind: 'client',
    label: '06 12 34 56 78',
    phone: '+33612345678',
    at: at.toISOString(),
  });
});
