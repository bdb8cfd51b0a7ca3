import http from 'node:http';
import { publishMessageEvent } from '../../../src/infra/message-events';
import type { WebRuntime } from '../../../src/main/runtime';
import type { Message } from '../../../src/store/messages';
import { makeClient, makeMessage, makeUser, signIn, startTestWeb, testConfig } from './web-fixture';

/** Opens /events and collects what arrives until `until` matches. */
function readEvents(port: number, cookie: string, until: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get({
      host: '127.0.0.1',
      port,
      path: '/events',
      headers: { cookie, accept: 'text/event-stream' },
    });
    let text = '';
    req.on('response', (res) => {
      if (res.statusCode !== 200) return reject(new Error(`status ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
        if (until.test(text)) {
          req.destroy();
          resolve(text);
        }
      });
      res.on('end', () => resolve(text));
    });
    req.on('error', reject);
  });
}

describe('live events (server-sent)', () => {
  let web: WebRuntime;
  let cookie: string;
  let mine: Message;
  let theirs: Message;

  beforeAll(async () => {
    web = await startTestWeb(testConfig(__filename));
    const a = await makeClient('Live A');
    const b = await makeClient('Live B');
    mine = await makeMessage(a.id, { callerName: 'Arrivée Live', urgent: true });
    theirs = await makeMessage(b.id, { callerName: 'Autre Client' });
    cookie = (await signIn(web.server, (await makeUser('assistant', [a.id], 'Veilleuse')).email)).cookie;
  });
  afterAll(() => web.stop());

  it('when messages of two clients are created, then only the allowed one is pushed, with its rendered row', async () => {
    const received = readEvents(web.port, cookie, new RegExp(mine.id));
    await new Promise((r) => setTimeout(r, 200));
    await publishMessageEvent(web.redis, {
      type: 'message.created',
      messageId: theirs.id,
      clientId: theirs.clientId,
      urgent: false,
    });
    await publishMessageEvent(web.redis, {
      type: 'message.created',
      messageId: mine.id,
      clientId: mine.clientId,
      urgent: true,
    });
    const text = await received;
    expect(text).toContain('event: message.created');
    expect(text).toContain('Arrivée Live');
    expect(text).toContain('is-urgent');
    expect(text).not.toContain(theirs.id);
  });

  it('when an event lies about its client, then the message is still checked against the user access', async () => {
    const received = readEvents(web.port, cookie, new RegExp(`${mine.id}|marker`));
    await new Promise((r) => setTimeout(r, 200));
    await publishMessageEvent(web.redis, {
      type: 'message.updated',
      messageId: theirs.id,
      clientId: mine.clientId,
      urgent: false,
    });
    await publishMessageEvent(web.redis, {
      type: 'message.updated',
      messageId: mine.id,
      clientId: mine.clientId,
      urgent: true,
    });
    const text = await received;
    expect(text).not.toContain('Autre Client');
  });
});
