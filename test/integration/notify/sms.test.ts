/** SMS through Twilio's REST API (nock stands in for api.twilio.com): exact request, retries, 21211. */
import nock from 'nock';
import { useTestDatabase } from '../../helpers/db';
import { deliveryKey } from '../../../src/notify';
import { deliveriesOf } from '../../../src/store/deliveries';
import { getMessage } from '../../../src/store/messages';
import {
  ACCOUNT_SID,
  AUTH_TOKEN,
  deliveryOf,
  liveTwilio,
  makeClient,
  makeMessage,
  startPipeline,
  testConfig,
  twilioJson,
  waitFor,
  type Pipeline,
} from './helpers';

useTestDatabase(__filename);

const PATH = `/2010-04-01/Accounts/${ACCOUNT_SID}/Messages.json`;
const BASIC = `Basic ${Buffer.from(`${ACCOUNT_SID}:${AUTH_TOKEN}`).toString('base64')}`;
const smsCreated = (sid: string) => ({
  sid,
  status: 'queued',
  to: '+33611111111',
  from: '+33180000000',
  body: '',
});

let pipeline: Pipeline;
beforeAll(async () => {
  nock.disableNetConnect();
  nock.enableNetConnect(/127\.0\.0\.1|localhost/);
  pipeline = await startPipeline(testConfig(liveTwilio));
});
afterAll(async () => {
  await pipeline.close();
  nock.cleanAll();
  nock.enableNetConnect();
});
afterEach(() => nock.cleanAll());

type Form = { To: string; From: string; Body: string };

test('when a message is stored, then one SMS per number is posted to Twilio with the exact request', async () => {
  const client = await makeClient({ notifications: { sms: { enabled: true, to: ['+33611111111'] } } });
  const message = await makeMessage(client);
  const bodies: Form[] = [];
  const scope = nock('https://api.twilio.com', { reqheaders: { authorization: BASIC } })
    .post(PATH, (body: Form) => {
      bodies.push(body);
      return true;
    })
    .reply(...twilioJson(201, smsCreated('SM00000000000000000000000000000001')));

  await pipeline.followUps.messageStored(message);
  const key = deliveryKey(message.id, 'sms', 'notify', 0);
  const entry = await waitFor(async () => {
    const d = await deliveryOf(message.id, key);
    return d?.status === 'sent' && d;
  }, 'the SMS to be sent');

  scope.done();
  expect(bodies).toHaveLength(1);
  expect(bodies[0]!.To).toBe('+33611111111');
  expect(bodies[0]!.From).toBe(client.numbers[0]!);
  expect(bodies[0]!.Body).toMatch(
    /^Message de Jean Dupont \(06 98 76 54 32\) à (\d{1,2} h( \d\d)?|minuit) : Fuite d'eau dans la cuisine\. https:\/\/rx\.example\.test\/messages\/[0-9a-f]{24}$/,
  );
  expect(bodies[0]!.Body!.length).toBeLessThanOrEqual(160);
  expect(entry).toMatchObject({
    channel: 'sms',
    to: '+33611111111',
    attempts: 1,
    providerId: 'SM00000000000000000000000000000001',
  });
  expect((await getMessage(message.id)).queuedAt).toBeInstanceOf(Date);
});

test('when messageStored is replayed, then the SMS is still sent once', async () => {
  const client = await makeClient({ notifications: { sms: { enabled: true, to: ['+33611111112'] } } });
  const message = await makeMessage(client);
  let posts = 0;
  nock('https://api.twilio.com')
    .post(PATH)
    .times(3)
    .reply(() => {
      posts += 1;
      return twilioJson(201, smsCreated(`SM${String(posts).padStart(32, '0')}`));
    });
  await Promise.all([pipeline.followUps.messageStored(message), pipeline.followUps.messageStored(message)]);
  await pipeline.followUps.messageStored(await getMessage(message.id));
  const key = deliveryKey(message.id, 'sms', 'notify', 0);
  await waitFor(async () => (await deliveryOf(message.id, key))?.status === 'sent', 'the SMS');
  await new Promise((r) => setTimeout(r, 300));
  expect(posts).toBe(1);
  expect((await deliveriesOf(message.id)).filter((d) => d.key === key)).toHaveLength(1);
});

test('when Twilio answers 500 then 429 with Retry-After, then the SMS is retried and sent, every attempt logged', async () => {
  const client = await makeClient({ notifications: { sms: { enabled: true, to: ['+33611111113'] } } });
  const message = await makeMessage(client);
  const times: number[] = [];
  nock('https://api.twilio.com')
    .post(PATH)
    .reply(
      () => (
        times.push(Date.now()),
        twilioJson(500, { code: 20500, message: 'Internal Server Error', status: 500 })
      ),
    )
    .post(PATH)
    .reply(() => {
      times.push(Date.now());
      return twilioJson(
        429,
        { code: 20429, message: 'Too Many Requests', status: 429 },
        { 'Retry-After': '1' },
      );
    })
    .post(PATH)
    .reply(() => (times.push(Date.now()), twilioJson(201, smsCreated('SM00000000000000000000000000000003'))));

  await pipeline.followUps.messageStored(message);
  const key = deliveryKey(message.id, 'sms', 'notify', 0);
  const entry = await waitFor(async () => {
    const d = await deliveryOf(message.id, key);
    return d?.status === 'sent' && d;
  }, 'the SMS after retries');
  expect(times).toHaveLength(3);
  expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(950); // Retry-After: 1 respected
  expect(entry).toMatchObject({ attempts: 3, providerId: 'SM00000000000000000000000000000003' });
  expect(entry.lastError ?? '').toBe('');
});

test('when Twilio says 21211 (invalid number), then the delivery fails at once with the reason', async () => {
  const client = await makeClient({ notifications: { sms: { enabled: true, to: ['+33611111114'] } } });
  const message = await makeMessage(client);
  const scope = nock('https://api.twilio.com')
    .post(PATH)
    .reply(
      ...twilioJson(400, {
        code: 21211,
        message: "The 'To' number +33611111114 is not a valid phone number.",
        more_info: 'https://www.twilio.com/docs/errors/21211',
        status: 400,
      }),
    );
  await pipeline.followUps.messageStored(message);
  const key = deliveryKey(message.id, 'sms', 'notify', 0);
  const entry = await waitFor(async () => {
    const d = await deliveryOf(message.id, key);
    return d?.status === 'failed' && d;
  }, 'the SMS to fail');
  scope.done();
  expect(entry.attempts).toBe(1);
  expect(entry.lastError).toMatch(/21211.*not a valid phone number/);
  const job = await pipeline.worker.queue.getJob(key);
  expect(await job!.getState()).toBe('failed');
  expect(job!.attemptsMade).toBe(1);

  // An admin fixes the cause and retries: the same delivery is sent.
  nock('https://api.twilio.com')
    .post(PATH)
    .reply(...twilioJson(201, smsCreated('SM00000000000000000000000000000004')));
  await expect(pipeline.followUps.retryDelivery(message.id, key)).resolves.toBe('retried');
  await waitFor(async () => (await deliveryOf(message.id, key))?.status === 'sent', 'the retried SMS');
});
