import { publishMessageEvent } from '../../../src/infra/message-events';
import { redisNamespace } from '../../../src/infra/redis';
import type { WebRuntime } from '../../../src/main/runtime';
import type { Message } from '../../../src/store/messages';
import {
  makeClient,
  makeMessage,
  makeUser,
  readEvents,
  signIn,
  startTestWeb,
  testConfig,
} from './web-fixture';

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
    await publishMessageEvent(web.redis, redisNamespace(web.config.mongodbUri), {
      type: 'message.created',
      messageId: theirs.id,
      clientId: theirs.clientId,
      urgent: false,
    });
    await publishMessageEvent(web.redis, redisNamespace(web.config.mongodbUri), {
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
    await publishMessageEvent(web.redis, redisNamespace(web.config.mongodbUri), {
      type: 'message.updated',
      messageId: theirs.id,
      clientId: mine.clientId,
      urgent: false,
    });
    await publishMessageEvent(web.redis, redisNamespace(web.config.mongodbUri), {
      type: 'message.updated',
      messageId: mine.id,
      clientId: mine.clientId,
      urgent: true,
    });
    const text = await received;
    expect(text).not.toContain('Autre Client');
  });
});
