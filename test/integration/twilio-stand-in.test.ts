/**
 * The Twilio stand-in answers the twilio SDK the way api.twilio.com does for the calls the
 * service makes: create, list with filters, newest first, paging followed by the SDK.
 */
import twilio from 'twilio';
import { startTwilioStandIn, type TwilioStandIn } from '../../scripts/lib/twilio-stand-in';

const ACCOUNT = `AC${'1'.repeat(32)}`;
const TOKEN = 'stand-in-token';

/** Sends the SDK's requests for api.twilio.com to the stand-in instead. */
class StandInClient extends twilio.RequestClient {
  constructor(private readonly base: string) {
    super();
  }
  override request<T>(
    opts: Parameters<InstanceType<typeof twilio.RequestClient>['request']>[0] & { data?: T },
  ) {
    return super.request<T>({ ...opts, uri: opts.uri.replace('https://api.twilio.com', this.base) });
  }
}

let standIn: TwilioStandIn;
let client: ReturnType<typeof twilio>;

beforeAll(async () => {
  standIn = await startTwilioStandIn({ accountSid: ACCOUNT, authToken: TOKEN });
  client = twilio(ACCOUNT, TOKEN, { httpClient: new StandInClient(standIn.url) });
});
afterAll(() => standIn.close());

test('an SMS created through the SDK is recorded and comes back with its sid and date', async () => {
  const before = new Date(Math.floor(Date.now() / 1000) * 1000);
  const sms = await client.messages.create({ to: '+33612345678', from: '+33180000000', body: 'Bonjour' });
  expect(sms.sid).toMatch(/^SM[0-9a-f]{32}$/);
  expect(sms.dateCreated.getTime()).toBeGreaterThanOrEqual(before.getTime());
  expect(standIn.messages.map((m) => [m.sid, m.to, m.body])).toContainEqual([
    sms.sid,
    '+33612345678',
    'Bonjour',
  ]);
});

test('lists filter by recipient, sender and date, newest first, across pages', async () => {
  for (let i = 0; i < 7; i++) {
    await client.messages.create({ to: '+33699999999', from: '+33180000000', body: `n${i}` });
  }
  await client.messages.create({ to: '+33699999999', from: '+33180000001', body: 'other sender' });
  const listed = await client.messages.list({
    to: '+33699999999',
    from: '+33180000000',
    dateSentAfter: new Date(Date.now() - 60_000),
    pageSize: 3,
  });
  expect(listed.map((m) => m.body)).toEqual(['n6', 'n5', 'n4', 'n3', 'n2', 'n1', 'n0']);
  const none = await client.messages.list({
    to: '+33699999999',
    dateSentAfter: new Date(Date.now() + 60_000),
  });
  expect(none).toEqual([]);
});

test('calls are created and listed by start time', async () => {
  const call = await client.calls.create({ to: '+33611111111', from: '+33180000000', twiml: '<Response/>' });
  const listed = await client.calls.list({
    to: '+33611111111',
    startTimeAfter: new Date(Date.now() - 60_000),
  });
  expect(listed.map((c) => c.sid)).toEqual([call.sid]);
});

test('a wrong token is refused and an injected failure records nothing', async () => {
  const intruder = twilio(ACCOUNT, 'wrong', { httpClient: new StandInClient(standIn.url) });
  await expect(intruder.messages.list({ limit: 1 })).rejects.toMatchObject({ status: 401 });

  const failing = await startTwilioStandIn({ accountSid: ACCOUNT, authToken: TOKEN, failWith: () => 429 });
  try {
    const c = twilio(ACCOUNT, TOKEN, { httpClient: new StandInClient(failing.url) });
    await expect(
      c.messages.create({ to: '+33612345678', from: '+33180000000', body: 'x' }),
    ).rejects.toMatchObject({
      status: 429,
    });
    expect(failing.messages).toHaveLength(0);
  } finally {
    await failing.close();
  }
});
