/**
 * A store slower than the store deadline but not dead: the message is parked, and the insert lands
 * afterwards and creates it. The live list must still hear `message.created` for it — the drain
 * that follows only completes the message (`message.updated`), which a list without the row ignores.
 */
import { subscribeMessageEvents, type MessageEvent } from '../../../src/infra/message-events';
import { createRedis, redisNamespace } from '../../../src/infra/redis';
import { createClient } from '../../../src/store/clients';
import { MessageModel } from '../../../src/store/models';
import { redisUrl, testDatabaseUri, useTestDatabase } from '../../helpers/db';
import { newCallSid, parseTwiml, voiceParams, type Verb } from '../../helpers/twilio';
import { waitFor } from '../notify/helpers';
import { MESSAGE_ANSWERS, pathOf, useWebhookService, slowInserts } from './harness';

const CLIENT_NUMBER = '+33180000731';

const { records: slowRecords, delays: insertDelays } = slowInserts();

useTestDatabase(__filename);
const svc = useWebhookService(__filename, { records: slowRecords, storeDeadlineMs: 300 });

const subscriber = createRedis(redisUrl(), 'blocking');
const events: MessageEvent[] = [];
let unsubscribe: () => Promise<void>;
beforeAll(async () => {
  await createClient({ name: 'Plomberie Lente', numbers: [CLIENT_NUMBER] });
  unsubscribe = await subscribeMessageEvents(subscriber, redisNamespace(testDatabaseUri(__filename)), (e) =>
    events.push(e),
  );
});
afterAll(async () => {
  await unsubscribe();
  subscriber.disconnect();
});

const find = (verb: Verb, name: string): Verb[] =>
  verb.children.flatMap((c) => (c.name === name ? [c] : find(c, name)));

describe('when the message insert lands after the store deadline', () => {
  it('then the message is parked, created once by the late insert, and announced as message.created', async () => {
    const callSid = newCallSid();
    const from = '+33655550731';
    let twiml = parseTwiml(
      (await svc.post('/webhooks/voice/incoming', voiceParams(callSid, from, CLIENT_NUMBER)).expect(200))
        .text,
    );
    for (const [i, answer] of MESSAGE_ANSWERS.entries()) {
      if (i === MESSAGE_ANSWERS.length - 1) insertDelays.push(1000);
      const gather = find(twiml, 'Gather')[0]!;
      const res = await svc
        .post(pathOf(gather.attrs.action!), voiceParams(callSid, from, CLIENT_NUMBER, answer))
        .expect(200);
      twiml = parseTwiml(res.text);
    }
    expect(find(twiml, 'Say').at(-1)!.text).toMatch(/message a bien été transmis/);
    expect(await svc.web().calls.parking.size()).toBeGreaterThanOrEqual(1);

    const message = await waitFor(() => MessageModel.findOne({ callSid }).lean(), 'the late insert', 5000);
    const id = String(message._id);
    await waitFor(
      async () => events.some((e) => e.type === 'message.created' && e.messageId === id),
      'message.created of the late message',
      5000,
    );
    expect(svc.notified.filter((m) => m.callSid === callSid)).toHaveLength(1);
  });
});
