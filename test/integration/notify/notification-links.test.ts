/**
 * Every link a notification carries opens a real page: each kind is rendered (SMS notify, resend
 * and backup, email, signed webhook, digest email and SMS, appointment notices) and each URL in it
 * is requested on the running service, signed in (200) and signed out (the sign-in, then the page).
 */
import request from 'supertest';
import type { WebRuntime } from '../../../src/main/runtime';
import { clientEmail, clientSms } from '../../../src/notify/appointment-texts';
import { composeDigest } from '../../../src/notify/digest';
import { renderEmail, renderSms, renderWebhookBody } from '../../../src/notify/render';
import type { Client } from '../../../src/store/clients';
import type { Message } from '../../../src/store/messages';
import {
  csrfOf,
  makeClient,
  makeMessage,
  makeUser,
  PASSWORD,
  signIn,
  startTestWeb,
  testConfig,
} from '../web/web-fixture';

let web: WebRuntime;
let base: string;
let client: Client;
let message: Message;
let email: string;

beforeAll(async () => {
  const config = testConfig(__filename);
  base = config.publicBaseUrl;
  web = await startTestWeb(config);
  client = await makeClient('Cabinet Liens');
  message = await makeMessage(client.id, { callerName: 'Élodie Fournier', urgent: true, reason: 'Malaise' });
  message = { ...message, smsRef: 1 };
  email = (await makeUser('assistant', [client.id], 'Lina')).email;
});
afterAll(() => web.stop());

const linksIn = (text: string) =>
  [...text.matchAll(/https?:\/\/[^\s"<>]+/g)].map((m) => m[0].replace(/[.,;)]+$/, ''));

function notifications(): [string, string][] {
  const ctx = { message, client, publicBaseUrl: base };
  const today = new Date().toISOString().slice(0, 10);
  const digest = composeDigest({
    client,
    date: today,
    calls: 1,
    messages: [message],
    publicBaseUrl: base,
  });
  const mail = renderEmail(ctx);
  const appointment = {
    id: '650000000000000000000abc',
    typeName: 'Consultation',
    start: new Date(Date.now() + 86_400_000),
    end: new Date(Date.now() + 88_200_000),
    callerName: 'Élodie Fournier',
    callerNumber: '+33612345678',
    reason: '',
    locale: 'fr-FR' as const,
  };
  const change = { change: 'booked' as const, previousStart: null, by: null };
  return [
    ['SMS', renderSms(ctx, 'notify')],
    ['resent SMS', renderSms(ctx, 'resend')],
    ['backup SMS', renderSms(ctx, 'backup')],
    ['email text', mail.text],
    ['email HTML', mail.html],
    ['webhook', JSON.parse(renderWebhookBody(ctx, 'message.created', 'd1')).message.url],
    ['digest email', digest.text],
    ['digest SMS', digest.sms],
    ['appointment SMS to the client', clientSms(appointment, client, change)],
    ['appointment email to the client', clientEmail(appointment, client, change).text],
  ];
}

test('the message notifications and the digest carry links; the appointment notices none', () => {
  for (const [kind, text] of notifications()) {
    const links = linksIn(text);
    if (kind.startsWith('appointment')) expect(links).toEqual([]);
    else expect(links.length).toBeGreaterThan(0);
    for (const link of links) expect(link.startsWith(`${base}/`)).toBe(true);
  }
});

test('each link opens its page for a signed-in assistant', async () => {
  const { agent } = await signIn(web.server, email);
  for (const [kind, text] of notifications()) {
    for (const link of linksIn(text)) {
      const path = link.slice(base.length).replace(/&amp;/g, '&');
      const res = await agent.get(path).set('Accept', 'text/html');
      expect({ kind, path, status: res.status }).toEqual({ kind, path, status: 200 });
    }
  }
});

test('each link, opened signed out, leads through the sign-in to its page', async () => {
  const paths = new Set(
    notifications().flatMap(([, text]) =>
      linksIn(text).map((l) => l.slice(base.length).replace(/&amp;/g, '&')),
    ),
  );
  for (const path of paths) {
    const agent = request.agent(web.server);
    const asked = await agent.get(path).set('Accept', 'text/html').expect(303);
    const page = await agent.get(asked.headers.location!).expect(200);
    const next = /name="next" value="([^"]*)"/.exec(page.text)?.[1]?.replace(/&amp;/g, '&');
    const login = await agent
      .post('/login')
      .type('form')
      .send({ _csrf: csrfOf(page.text), email, password: PASSWORD, next })
      .expect(303);
    expect(login.headers.location).toBe(path);
    await agent.get(path).expect(200);
  }
});
